"""The heat map: how many risks sit at each likelihood and impact, as a 5 by 5 table.

Each cell carries its count and its band (low, medium, high, very high) as words, and a
class for its colour, so the colour is never the only way to read it. One query a map.
"""

from dataclasses import dataclass

from django.db.models import Count

from risks.models import IMPACT_WORDS, LIKELIHOOD_WORDS, band


@dataclass
class Cell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def css(self) -> str:
        return "app-heat-map__cell--" + self.band.lower().replace(" ", "-")


@dataclass
class Row:
    likelihood: int
    label: str
    cells: list


@dataclass
class HeatMap:
    caption: str
    rows: list
    impacts: list
    total: int


def heat_map(risks, *, residual: bool, caption: str) -> HeatMap:
    """The map of `risks` (a queryset) by their scores before controls, or after them if `residual`."""
    likelihood, impact = ("residual_likelihood", "residual_impact") if residual else ("likelihood", "impact")
    counts = {
        (row[likelihood], row[impact]): row["n"]
        for row in risks.order_by().values(likelihood, impact).annotate(n=Count("pk"))
    }
    rows = [
        Row(n, f"{n} {LIKELIHOOD_WORDS[n]}", [Cell(n, i, counts.get((n, i), 0)) for i in range(1, 6)])
        for n in range(5, 0, -1)
    ]
    impacts = [f"{i} {IMPACT_WORDS[i]}" for i in range(1, 6)]
    return HeatMap(caption, rows, impacts, sum(counts.values()))
