"""The MSP's brand, all of it data: its identity (name, logo, accent colour, contact), its own rate
card, the checks on uploaded logos, and the sales view its team unlocks with a passphrase.

``from vcio_app import brand as br`` gives the identity's and the rate card's public names
(``br.load_brand``, ``br.load_rate_card``); ``vcio_app.brand.sales`` is imported on its own
(it needs Streamlit).
"""

from vcio_app.brand.identity import (
    BRAND_FILE,
    DATA_DIR,
    DEFAULT_ACCENT,
    MAX_BRAND_BYTES,
    MAX_LOGO_BYTES,
    PRESENTATION_FONT,
    Brand,
    BrandError,
    brand_css,
    header_html,
    load_brand,
    parse_brand,
    presentation_css,
    presentation_figure,
    safe_accent,
)
from vcio_app.brand.rate_card import (
    MAX_RATE_CARD_BYTES,
    RATE_CARD_COLUMNS,
    RATE_CARD_FILE,
    RateCard,
    load_rate_card,
    parse_rate_card,
    rate_card_overrides,
    rate_card_rows,
    sources_with_rate_card,
)

__all__ = [
    "BRAND_FILE",
    "DATA_DIR",
    "DEFAULT_ACCENT",
    "MAX_BRAND_BYTES",
    "MAX_LOGO_BYTES",
    "MAX_RATE_CARD_BYTES",
    "PRESENTATION_FONT",
    "RATE_CARD_COLUMNS",
    "RATE_CARD_FILE",
    "Brand",
    "BrandError",
    "RateCard",
    "brand_css",
    "header_html",
    "load_brand",
    "load_rate_card",
    "parse_brand",
    "parse_rate_card",
    "presentation_css",
    "presentation_figure",
    "rate_card_overrides",
    "rate_card_rows",
    "safe_accent",
    "sources_with_rate_card",
]
