package dev.checkout.adapter.persistence;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.ReportingPolicy;

/**
 * Flat row <-> domain record mappings. The {@code Order} aggregate is not mapped here: {@link JdbcOrders} rebuilds it
 * through {@code Order.rehydrate}, where its invariants are checked.
 */
@Mapper(componentModel = "jakarta", unmappedTargetPolicy = ReportingPolicy.ERROR)
interface RowMapper {

    @Mapping(target = "unitAmount", source = "unitPrice.minorUnits")
    @Mapping(target = "currency", source = "unitPrice.currency")
    ProductRow toRow(Product product);

    @Mapping(target = "unitPrice", expression = "java(money(row.unitAmount(), row.currency()))")
    // MapStruct reads Product.withAvailable(long) as a fluent setter; the constructor already sets available
    @Mapping(target = "withAvailable", ignore = true)
    Product toProduct(ProductRow row);

    @Mapping(target = "orderId", source = "orderId")
    @Mapping(target = "lineNo", source = "lineNo")
    @Mapping(target = "unitAmount", source = "line.unitPrice.minorUnits")
    @Mapping(target = "currency", source = "line.unitPrice.currency")
    @Mapping(target = "sku", source = "line.sku")
    @Mapping(target = "quantity", source = "line.quantity")
    OrderLineRow toRow(OrderLine line, String orderId, int lineNo);

    @Mapping(target = "unitPrice", expression = "java(money(row.unitAmount(), row.currency()))")
    OrderLine toOrderLine(OrderLineRow row);

    ReservationRow toRow(Reservation reservation);

    Reservation toReservation(ReservationRow row);

    default Money money(long minorUnits, String currency) {
        return Money.of(minorUnits, CurrencyCode.of(currency));
    }

    default String sku(Sku sku) {
        return sku.value();
    }

    default Sku sku(String sku) {
        return Sku.of(sku);
    }

    default String orderId(OrderId id) {
        return id.value();
    }

    default OrderId orderId(String id) {
        return OrderId.of(id);
    }

    default int quantity(Quantity quantity) {
        return quantity.value();
    }

    default Quantity quantity(int quantity) {
        return Quantity.of(quantity);
    }

    default String currency(CurrencyCode currency) {
        return currency.code();
    }

    default String state(ReservationState state) {
        return state.name();
    }

    default ReservationState state(String state) {
        return ReservationState.valueOf(state);
    }
}
