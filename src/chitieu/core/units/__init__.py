"""Units as Vietnamese resolutions write them, and quantities that carry them.

A target says "1.500 nghìn tỷ đồng" and the statistics office reports "440.000 tỷ đồng";
one says "16 bác sĩ/vạn dân", another "bác sĩ/10.000 dân". Comparing such figures must
just work, and comparing figures that cannot be compared (USD with đồng, without an
exchange rate; tonnes with hectares) must fail loudly instead of producing a verdict.

The package's face is below; inside it, one module per job: the noun table
(:mod:`.catalogue`), the unit grammar (:mod:`.grammar`), currencies and exchange rates
(:mod:`.rates`), conversion between units (:mod:`.conversion`), quantities
(:mod:`.quantity`) and labels for readers (:mod:`.labels`).
"""

from chitieu.core.units.catalogue import BASE_UNITS
from chitieu.core.units.conversion import IncompatibleUnitsError, convertible_with_rate, uses_rate
from chitieu.core.units.grammar import DIMENSIONLESS, Unit, UnknownUnitError, compatible, parse_unit
from chitieu.core.units.labels import unit_label
from chitieu.core.units.quantity import Quantity, format_quantity, parse_quantity
from chitieu.core.units.rates import ExchangeRates

__all__ = [
    "BASE_UNITS",
    "DIMENSIONLESS",
    "ExchangeRates",
    "IncompatibleUnitsError",
    "Quantity",
    "Unit",
    "UnknownUnitError",
    "compatible",
    "convertible_with_rate",
    "format_quantity",
    "parse_quantity",
    "parse_unit",
    "unit_label",
    "uses_rate",
]
