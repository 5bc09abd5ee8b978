package dev.checkout.sandbox.http;

import dev.checkout.sandbox.api.Answer;
import dev.checkout.sandbox.api.ApiRequest;
import dev.checkout.sandbox.api.Handled;
import dev.checkout.sandbox.api.SandboxApi;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Serves every request of a connection straight from Netty's HTTP objects: aggregates the body (refusing oversized
 * ones with a Stripe-shaped 413 before reading them), hands the request to {@link SandboxApi} on the event loop,
 * and writes the answer. It replaces Micronaut's request handler in the pipeline, so no router, binder or codec
 * sits on the hot path.
 */
final class SandboxChannelHandler extends ChannelInboundHandlerAdapter {
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final AsciiString NO_STORE = AsciiString.cached("no-cache, no-store");
    private static final AsciiString STAR = AsciiString.cached("*");
    private static final AsciiString TRUE = AsciiString.cached("true");
    private static final AsciiString METHODS = AsciiString.cached("GET, HEAD, PUT, PATCH, POST, DELETE");
    private static final AsciiString EXPOSE = AsciiString.cached("Request-Id, Stripe-Manage-Version, "
            + "Stripe-Should-Retry, X-Stripe-External-Auth-Required, X-Stripe-Privileged-Session-Required");
    private static final AsciiString MAX_AGE = AsciiString.cached("300");
    private static final AsciiString ORIGIN = AsciiString.cached("Origin");
    private static final FullHttpResponse CONTINUE = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER);

    private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValueValidation(false).withValidation(false);
    private static final DefaultHttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory()
            .withNameValidation(false).withValueValidation(false).withValidation(false);

    private final SandboxApi api;
    private final int maxBody;

    private HttpRequest request;
    private byte[] body = new byte[0];
    private int bodyLen;
    private boolean discarding;
    private boolean flushPending;

    SandboxChannelHandler(SandboxApi api, int maxBody) {
        this.api = api;
        this.maxBody = maxBody;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Micronaut's own handler drove reads by hand; with it gone, let Netty read as data arrives
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                onRequest(ctx, req);
            }
            if (msg instanceof HttpContent content && request != null && !discarding) {
                onContent(ctx, content);
            } else if (msg instanceof LastHttpContent && discarding) {
                discarding = false;
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest req) {
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            String why = cause == null || cause.getMessage() == null ? "unparseable request"
                    : cause.getClass().getSimpleName();
            write(ctx, api.malformed(why), false);
            ctx.flush();
            ctx.close();
            request = null;
            return;
        }
        request = req;
        bodyLen = 0;
        discarding = false;
        long declared = HttpUtil.getContentLength(req, -1L);
        if (declared > maxBody) {
            refuseTooLarge(ctx, req);
            return;
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(CONTINUE.retainedDuplicate());
        }
        if (declared > body.length) {
            body = new byte[(int) declared];
        }
    }

    private void refuseTooLarge(ChannelHandlerContext ctx, HttpRequest req) {
        // answer before reading the body, then close: the client may still be sending it
        Answer a = api.tooLarge(req.method().name(), path(req.uri()));
        request = null;
        discarding = true;
        write(ctx, a, false);
        ctx.flush();
        ctx.close();
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        ByteBuf buf = content.content();
        int n = buf.readableBytes();
        if (n > 0) {
            if (bodyLen + n > maxBody) {
                refuseTooLarge(ctx, request);
                return;
            }
            if (bodyLen + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLen + n));
            }
            buf.getBytes(buf.readerIndex(), body, bodyLen, n);
            bodyLen += n;
        }
        if (content instanceof LastHttpContent) {
            HttpRequest req = request;
            request = null;
            dispatch(ctx, req, Arrays.copyOf(body, bodyLen));
        }
    }

    private void dispatch(ChannelHandlerContext ctx, HttpRequest req, byte[] bytes) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        HttpHeaders headers = req.headers();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (BrowserAssets.owns(path)) {
            write(ctx, BrowserAssets.answer(req.method().name(), path), keepAlive);
            flushPending = true;
            return;
        }
        ApiRequest apiRequest = new ApiRequest(req.method().name(), path, query, headers::get, bytes,
                clientIp(ctx.channel().remoteAddress()));
        Handled handled = api.handle(apiRequest);
        switch (handled) {
            case Handled.Now now -> {
                write(ctx, now.answer(), keepAlive);
                flushPending = true;
            }
            case Handled.Later later -> {
                // keep request/response order on this connection: read nothing more until the delayed answer is out
                ctx.channel().config().setAutoRead(false);
                ctx.executor().schedule(() -> {
                    write(ctx, later.task().get(), keepAlive);
                    ctx.flush();
                    ctx.channel().config().setAutoRead(true);
                }, later.delayNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // one flush per batch of reads: pipelined requests share a syscall
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    private static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static String clientIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return null;
    }

    private static void write(ChannelHandlerContext ctx, Answer a, boolean keepAlive) {
        // our own header names and values are well-formed; Netty's validation would only cost time
        // copy the body straight from the thread's render buffer into a pooled direct buffer the socket can take
        ByteBuf content = ctx.alloc().ioBuffer(a.length());
        content.writeBytes(a.body(), 0, a.length());
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                content, HEADERS, TRAILERS);
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, JSON);
        h.set(HttpHeaderNames.CONTENT_LENGTH, a.length());
        h.set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, STAR);
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
        h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE);
        h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
        h.set(HttpHeaderNames.VARY, ORIGIN);
        String[] extra = a.headers();
        for (int i = 0; i + 1 < extra.length; i += 2) {
            h.set(extra[i], extra[i + 1]);
        }
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.write(res);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // connection-level trouble (reset by peer, ...): nothing useful to answer, and nothing from requests is logged
        ctx.close();
    }
}
