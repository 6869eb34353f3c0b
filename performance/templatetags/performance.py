from django import template

from performance import charts

register = template.Library()

TAG_COLOURS = {"on_track": "green", "at_risk": "yellow", "off_track": "red"}


@register.filter
def figure(value):
    """A figure as people read it: 12.5, 1,200 (no trailing zeros)."""
    return charts.number(value)


@register.filter
def status_colour(status):
    return TAG_COLOURS.get(status, "grey")
