"""Template helpers for GOV.UK Frontend components: `{% load govuk %}`."""

from django import template
from django.conf import settings

from partnership import dates

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **params):
    """Return the current query string with `params` replaced, e.g. `href="{% query_replace page=2 %}"`.

    A value of None drops the parameter; other parameters (filters, search) are kept.
    """
    query = context["request"].GET.copy()
    for name, value in params.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def query_with(context, name, value):
    """Return the current query string with the parameter `name` set to `value`: `{% query_with param 2 %}`.

    As query_replace, for a parameter whose name is itself a variable (a page with two paged lists).
    """
    return query_replace(context, **{name: value})


@register.simple_tag
def page_numbers(page_obj):
    """Return the page numbers to link to around `page_obj`, with None for each gap."""
    paginator = page_obj.paginator
    return [
        number if isinstance(number, int) else None
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    ]


@register.simple_tag(takes_context=True)
def aria_current(context, section, href):
    """Return the aria-current value of a navigation link: "page", "true" (in its section) or "".

    A page names its section with `{% block nav_section %}body{% endblock %}`; a page that
    names none is in the section whose link its path starts with.
    """
    path = context["request"].path
    current = context.get("nav_section", "")
    in_section = current == section if current else path.startswith(href)
    if not in_section:
        return ""
    return "page" if path == href else "true"


@register.simple_tag
def partnership_name():
    """Return the partnership's name, for templates rendered without a request, such as emails."""
    return settings.PARTNERSHIP_NAME


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = self.nodelist.render(context).strip()
        return ""


@register.tag
def capture(parser, token):
    """Render the enclosed content into a variable: `{% capture name %}...{% endcapture %}`.

    base.html captures the `nav_section` block this way, so that a child
    template's block can set a value the navigation compares against.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes one argument: the variable's name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.filter
def british_date(value):
    """`{{ meeting.starts_at|british_date }}`: "30 April 2009" (partnership.dates)."""
    return dates.british_date(value) if value else ""


@register.filter
def british_time(value):
    """`{{ meeting.starts_at|british_time }}`: "2pm", "2:30pm", "midday"."""
    return dates.british_time(value) if value else ""


@register.filter
def british_datetime(value):
    """`{{ signature.signed_at|british_datetime }}`: "30 April 2009, 2pm"."""
    return dates.british_datetime(value) if value else ""
