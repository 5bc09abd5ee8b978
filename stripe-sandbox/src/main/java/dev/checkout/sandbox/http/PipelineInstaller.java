package dev.checkout.sandbox.http;

import dev.checkout.sandbox.api.SandboxApi;
import dev.checkout.sandbox.Sandbox;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;

/**
 * Puts {@link SandboxChannelHandler} in place of Micronaut's request handler on every HTTP/1.1 connection.
 * Micronaut still owns the server's life cycle, configuration (host, port, header limits, threads) and the
 * connection pipeline up to the HTTP codec; the sandbox takes over from there, because Micronaut's routing and
 * binding cost more per request than the whole sandbox logic (see the README's benchmark).
 *
 * <p>Only where {@code sandbox.serve=true} (set by {@link SandboxApplication} and {@link Sandbox}): with the jar on
 * another application's classpath (a checkout's tests), that application's server must stay its own.
 */
@Singleton
@Requires(property = Sandbox.SERVE_PROPERTY, value = "true")
final class PipelineInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final SandboxApi api;

    PipelineInstaller(SandboxApi api) {
        this.api = api;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new Customizer(null));
        return registry;
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel ch, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(ch) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline p = channel.pipeline();
            if (p.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null) {
                p.replace(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "sandbox",
                        new SandboxChannelHandler(api, api.settings().maxBodyBytes()));
            }
        }
    }
}
