package dev.checkout.adapter.rest;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeclineReason;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingConstants;
import org.mapstruct.ReportingPolicy;

import java.util.List;

/**
 * The flat mappings between the core's records and this API's DTOs, generated at compile time (no reflection per
 * request). The order aggregate is not a record, so its two views are assembled by hand below.
 */
@Mapper(componentModel = MappingConstants.ComponentModel.JAKARTA, unmappedTargetPolicy = ReportingPolicy.ERROR)
interface RestMapper {

    @Mapping(target = "sku", source = "sku.value")
    @Mapping(target = "unitAmount", source = "unitPrice.minorUnits")
    @Mapping(target = "currency", source = "unitPrice.currency")
    ProductView toView(Product product);

    List<ProductView> toProductViews(List<Product> products);

    @Mapping(target = "sku", source = "sku.value")
    @Mapping(target = "quantity", source = "quantity.value")
    @Mapping(target = "unitAmount", source = "unitPrice.minorUnits")
    @Mapping(target = "amount", expression = "java(line.total().minorUnits())")
    OrderLineView toView(OrderLine line);

    List<OrderLineView> toLineViews(List<OrderLine> lines);

    OrderView.Decline toView(DeclineReason reason);

    PurchaseCommand.RawItem toRawItem(PurchaseRequest.Item item);

    List<PurchaseCommand.RawItem> toRawItems(List<PurchaseRequest.Item> items);

    /** Stripe writes currencies in lower case; so does this API. */
    default String currency(CurrencyCode code) {
        return code.lowerCase();
    }

    default OrderView toView(Order order) {
        return new OrderView(order.id().value(), order.status().name(), order.total().minorUnits(),
                currency(order.total().currency()), order.chargeId().map(ChargeId::value).orElse(null),
                toLineViews(order.lines()), order.declineReason().map(this::toView).orElse(null),
                order.failure().map(PurchaseResponses::failureView).orElse(null),
                order.dispute().map(OrderView.DisputeView::of).orElse(null),
                order.createdAt().toString(), order.updatedAt().toString());
    }

    default PurchaseCompleted toCompleted(Order order) {
        return new PurchaseCompleted(order.id().value(), order.status().name(),
                order.chargeId().map(ChargeId::value).orElse(null), order.total().minorUnits(),
                currency(order.total().currency()), toLineViews(order.lines()));
    }
}
