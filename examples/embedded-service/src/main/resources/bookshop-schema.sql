-- The bookshop's own tables. The checkout prescribes none of this: it asks only for its ports (Catalogue,
-- Inventory, Orders) and a TransactionRunner, and its contract tests say what they must do.

-- prices come from the shop's pricing table; amounts in minor units
CREATE TABLE IF NOT EXISTS price_list (
    sku         VARCHAR(64)  PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    currency    CHAR(3)      NOT NULL,
    price_minor BIGINT       NOT NULL CHECK (price_minor > 0)
);

-- copies on the shelf; only ever changed by a conditional UPDATE, the CHECK is the last line of defence
CREATE TABLE IF NOT EXISTS shelf (
    sku     VARCHAR(64) PRIMARY KEY REFERENCES price_list (sku),
    on_hand BIGINT      NOT NULL CHECK (on_hand >= 0)
);

-- copies held for an order until its payment is known
CREATE TABLE IF NOT EXISTS holds (
    order_id   VARCHAR(64) NOT NULL,
    sku        VARCHAR(64) NOT NULL,
    copies     INTEGER     NOT NULL CHECK (copies > 0),
    state      VARCHAR(10) NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, sku)
);

-- one row per order; the lines travel in one column ("sku*quantity*unit price", comma separated), which the
-- shop never queries by
CREATE TABLE IF NOT EXISTS order_book (
    id              VARCHAR(64)   PRIMARY KEY,
    client_key      VARCHAR(255)  UNIQUE,
    status          VARCHAR(32)   NOT NULL,
    currency        CHAR(3)       NOT NULL,
    total_minor     BIGINT        NOT NULL,
    lines           VARCHAR(8000) NOT NULL,
    charge_id       VARCHAR(255),
    decline_code    VARCHAR(100),
    decline_detail  VARCHAR(100),
    decline_message VARCHAR(1000),
    failure_kind    VARCHAR(40),
    failure_code    VARCHAR(100),
    failure_message VARCHAR(1000),
    -- while AWAITING_AUTHENTICATION (a gateway that asks for 3-D Secure): the attempt, the buyer's client secret
    -- and the deadline, NULL otherwise. With the Charges adapter, as here, they stay NULL
    auth_attempt       VARCHAR(255),
    auth_client_secret VARCHAR(255),
    auth_deadline      TIMESTAMP(6) WITH TIME ZONE,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL,
    -- until when one reconciler works on this order (Orders.claimStale), NULL or past: nobody
    claimed_until   TIMESTAMP(6) WITH TIME ZONE
);
