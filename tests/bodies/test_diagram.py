import datetime
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from bodies.diagram import framework_diagram, link_sentences
from bodies.models import Body, BodyKind, BodyLink, LinkKind
from tests.bodies.diagrams import ON
from tests.bodies.diagrams import body_named as _body
from tests.factories import BodyFactory, BodyLinkFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def _as_at(on=ON):
    """What the framework page passes: the bodies and links of the day, evaluated."""
    return list(Body.objects.on(on)), list(BodyLink.objects.on(on).select_related("from_body", "to_body"))


def _draw(bodies=None, links=None, title="The framework"):
    if bodies is None:
        bodies, links = _as_at()
    return framework_diagram(bodies, links, on=ON, title=title)


def _parse(svg):
    # The document is the diagram's own output, not untrusted input.
    return ET.fromstring(svg)  # noqa: S314


def _anchors(root):
    return list(root.iter(f"{SVG}a"))


def _arrow_titles(root):
    return [polyline.find(f"{SVG}title").text for polyline in root.iter(f"{SVG}polyline")]


def _box_text(anchor):
    return " ".join(tspan.text for tspan in anchor.iter(f"{SVG}tspan"))


def _full_name(label):
    """The body's name from a box's label: "Shown text[ (status)][: Full name], Kind"."""
    named = label.rsplit(", ", 1)[0]
    if ": " in named:
        return named.split(": ", 1)[1]
    return re.sub(r" \((shadow|established)\)$", "", named)


def _rect(anchor):
    rect = anchor.find(f"{SVG}rect")
    return tuple(float(rect.get(name)) for name in ("x", "y", "width", "height"))


def _points(polyline):
    return [tuple(float(n) for n in point.split(",")) for point in polyline.get("points").split()]


def _relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast_with_white(colour):
    return 1.05 / (_relative_luminance(colour) + 0.05)


def test_each_body_is_one_link_to_its_page_labelled_with_name_and_kind():
    _body("Thematic Leads", BodyKind.THEMATIC_LEADS)
    _body("Partnership Board", BodyKind.PARTNERSHIP_BOARD)

    root = _parse(_draw())

    assert [(a.get("href"), a.get("aria-label")) for a in _anchors(root)] == [
        ("/bodies/partnership-board/", "Partnership Board, Partnership board"),
        ("/bodies/thematic-leads/", "Thematic Leads, Thematic leads"),
    ]


def test_each_href_is_the_bodys_absolute_url(framework):
    root = _parse(_draw())

    hrefs = sorted(a.get("href") for a in _anchors(root))

    assert hrefs == sorted(body.get_absolute_url() for body in framework.values())


def test_root_is_a_labelled_and_described_group():
    root = _parse(_draw(title="The framework on 1 September 2009"))

    assert root.tag == f"{SVG}svg"
    assert (root.get("role"), root.get("aria-labelledby"), root.get("aria-describedby")) == (
        "group",
        "fw-title",
        "fw-desc",
    )
    assert root.find(f"{SVG}title").get("id") == "fw-title"
    assert root.find(f"{SVG}title").text == "The framework on 1 September 2009"
    assert root.find(f"{SVG}desc").get("id") == "fw-desc"


def test_an_arrow_is_drawn_for_each_link_between_drawn_bodies():
    board = _body("Partnership Board", BodyKind.PARTNERSHIP_BOARD)
    leads = _body("Thematic Leads", BodyKind.THEMATIC_LEADS)
    forum = _body("Chester Community Forum", BodyKind.COMMUNITY_FORUM)
    BodyLinkFactory(from_body=leads, to_body=board, kind=LinkKind.REPORTS_TO)
    BodyLinkFactory(from_body=forum, to_body=board, kind=LinkKind.FORMAL_LINK)
    BodyLinkFactory(from_body=forum, to_body=leads, kind=LinkKind.CHAIR_SITS_ON)

    root = _parse(_draw())

    assert _arrow_titles(root) == [
        "Thematic Leads reports to Partnership Board",
        "Chester Community Forum chair sits on Thematic Leads",
        "Chester Community Forum has a formal link with Partnership Board",
    ]


def test_a_link_to_a_body_not_drawn_is_left_out():
    board = _body("Partnership Board", BodyKind.PARTNERSHIP_BOARD)
    leads = _body("Thematic Leads", BodyKind.THEMATIC_LEADS)
    later = _body("Later Partnership", BodyKind.THEMATIC_PARTNERSHIP, established_on=datetime.date(2010, 1, 1))
    BodyLinkFactory(from_body=leads, to_body=board, kind=LinkKind.REPORTS_TO)
    BodyLinkFactory(from_body=later, to_body=leads, kind=LinkKind.REPORTS_TO)
    BodyLinkFactory(from_body=leads, to_body=later, kind=LinkKind.FORMAL_LINK)
    bodies, links = _as_at()
    assert len(links) == 3

    root = _parse(_draw(bodies, links))

    assert [a.get("href") for a in _anchors(root)] == ["/bodies/partnership-board/", "/bodies/thematic-leads/"]
    assert _arrow_titles(root) == ["Thematic Leads reports to Partnership Board"]
    assert root.find(f"{SVG}desc").text.startswith("2 bodies and 1 link as at 1 September 2009.")
    assert link_sentences(bodies, links) == [(board, []), (leads, ["reports to Partnership Board"])]


def test_the_same_link_given_twice_is_drawn_once():
    board = _body("Partnership Board", BodyKind.PARTNERSHIP_BOARD)
    leads = _body("Thematic Leads", BodyKind.THEMATIC_LEADS)
    link = BodyLinkFactory(from_body=leads, to_body=board, kind=LinkKind.REPORTS_TO)

    root = _parse(_draw([board, leads, board], [link, link]))

    assert len(_anchors(root)) == 2
    assert _arrow_titles(root) == ["Thematic Leads reports to Partnership Board"]


def test_no_style_attribute_or_element_anywhere(framework):
    root = _parse(_draw())

    offenders = [element.tag for element in root.iter() if "style" in element.attrib or element.tag == f"{SVG}style"]

    assert offenders == []
    assert root.find(f".//{SVG}polyline").get("stroke") is not None


def test_names_and_title_are_escaped_and_round_trip():
    body = BodyFactory(name="Health & Wellbeing <Board>", slug="health", kind=BodyKind.THEMATIC_PARTNERSHIP)
    quoted = BodyFactory(name='Children\'s "Trust"', slug="childrens-trust", kind=BodyKind.THEMATIC_PARTNERSHIP)
    BodyLinkFactory(from_body=quoted, to_body=body, kind=LinkKind.FORMAL_LINK)

    svg = _draw(title="Framework & <friends>")
    root = _parse(svg)

    assert "<Board>" not in svg
    assert root.find(f"{SVG}title").text == "Framework & <friends>"
    anchors = _anchors(root)
    assert [a.get("aria-label") for a in anchors] == [
        'Children\'s "Trust", Thematic partnership',
        "Health & Wellbeing <Board>, Thematic partnership",
    ]
    assert [_box_text(a) for a in anchors] == ['Children\'s "Trust"', "Health & Wellbeing <Board>"]
    assert _arrow_titles(root) == ['Children\'s "Trust" has a formal link with Health & Wellbeing <Board>']


def test_characters_xml_cannot_hold_are_dropped():
    BodyFactory(name="Bell\x07 Partnership", slug="bell-partnership", kind=BodyKind.THEMATIC_PARTNERSHIP)

    root = _parse(_draw())

    assert _box_text(_anchors(root)[0]) == "Bell Partnership"


def test_output_is_identical_for_the_same_input_in_any_order(framework):
    bodies, links = _as_at()

    first = _draw(bodies, links)

    assert _draw(bodies, links) == first
    assert _draw(list(reversed(bodies)), list(reversed(links))) == first


def test_desc_states_the_counts_and_the_date(framework):
    root = _parse(_draw())

    assert root.find(f"{SVG}desc").text == (
        "11 bodies and 16 links as at 1 September 2009. Bodies are boxes in rows by kind;"
        " arrows show how they are linked; each box links to the body's page."
    )


def test_desc_counts_one_body_and_no_links_in_the_singular():
    _body("Partnership Board", BodyKind.PARTNERSHIP_BOARD)

    root = _parse(_draw())

    assert root.find(f"{SVG}desc").text.startswith("1 body and 0 links as at 1 September 2009.")


def test_an_empty_framework_still_draws_a_document():
    root = _parse(_draw([], []))

    assert _anchors(root) == []
    assert root.find(f"{SVG}desc").text.startswith("0 bodies and 0 links as at 1 September 2009.")


def test_ids_are_unique_and_prefixed(framework):
    root = _parse(_draw())

    ids = [element.get("id") for element in root.iter() if element.get("id")]

    assert len(ids) == len(set(ids))
    assert [i for i in ids if not i.startswith("fw-")] == []
    references = {p.get("marker-end")[len("url(#") : -1] for p in root.iter() if p.get("marker-end")}
    assert references <= set(ids)


def test_no_queries_when_given_evaluated_lists(framework, django_assert_num_queries):
    bodies, links = _as_at()

    with django_assert_num_queries(0):
        framework_diagram(bodies, links, on=ON, title="The framework")
        link_sentences(bodies, links)


def test_bodies_sit_in_rows_by_kind_from_the_boards_down(framework):
    root = _parse(_draw())

    rows = {}
    for anchor in _anchors(root):
        x, y, _, _ = _rect(anchor)
        rows.setdefault(y, []).append((x, anchor.get("href").split("/")[2]))

    assert [[slug for _, slug in sorted(row)] for _, row in sorted(rows.items())] == [
        ["commissioning-board", "partnership-board"],
        ["thematic-leads"],
        ["economy-partnership", "health-partnership", "safer-communities-partnership"],
        ["chester-area-partnership-board", "rural-area-partnership-board"],
        ["chester-community-forum"],
        ["jobs-task-group", "performance-group"],
    ]


def test_a_row_of_more_than_six_wraps_evenly():
    for n in range(8):
        _body(f"Group {n}", BodyKind.SUPPORT_GROUP)

    root = _parse(_draw())

    ys = [_rect(anchor)[1] for anchor in _anchors(root)]
    assert [len(list(group)) for _, group in itertools.groupby(ys)] == [4, 4]


def test_boxes_do_not_overlap(framework):
    root = _parse(_draw())

    rects = [_rect(anchor) for anchor in _anchors(root)]

    for (ax, ay, aw, ah), (bx, by, bw, bh) in itertools.combinations(rects, 2):
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay


def _crosses_inside(p, q, rect, inset=0.5):
    """Whether segment p-q passes through the inside of `rect` (Liang-Barsky clipping)."""
    x, y, w, h = rect
    left, right, top, bottom = x + inset, x + w - inset, y + inset, y + h - inset
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for edge_p, edge_q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
    return low < high


def test_arrows_start_and_end_on_their_boxes_and_cross_no_box(framework):
    root = _parse(_draw())
    rects = {_full_name(a.get("aria-label")): _rect(a) for a in _anchors(root)}

    for polyline in root.iter(f"{SVG}polyline"):
        points = _points(polyline)
        title = polyline.find(f"{SVG}title").text
        source = max((name for name in rects if title.startswith(name + " ")), key=len)
        target = max((name for name in rects if title.endswith(" " + name)), key=len)
        for end, name in ((points[0], source), (points[-1], target)):
            x, y, w, h = rects[name]
            assert x <= end[0] <= x + w and y <= end[1] <= y + h, title
        for p, q in itertools.pairwise(points):
            assert [name for name, rect in rects.items() if _crosses_inside(p, q, rect)] == [], title


def test_no_two_arrows_run_along_each_other(framework):
    root = _parse(_draw())
    segments = []
    for number, polyline in enumerate(root.iter(f"{SVG}polyline")):
        segments.extend((number, p, q) for p, q in itertools.pairwise(_points(polyline)))

    for (a, (ax0, ay0), (ax1, ay1)), (b, (bx0, by0), (bx1, by1)) in itertools.combinations(segments, 2):
        if a == b:
            continue
        if ay0 == ay1 == by0 == by1:
            assert max(min(ax0, ax1), min(bx0, bx1)) >= min(max(ax0, ax1), max(bx0, bx1)), (a, b)
        if ax0 == ax1 == bx0 == bx1:
            assert max(min(ay0, ay1), min(by0, by1)) >= min(max(ay0, ay1), max(by0, by1)), (a, b)


def test_every_box_label_begins_with_the_text_on_the_box():
    """WCAG 2.5.3: speech users say what they see, so the accessible name starts with it."""
    _body("Shadow Partnership", BodyKind.THEMATIC_PARTNERSHIP, shadow_from=ON, active_from=None)
    _body("Chester Area Partnership Board", BodyKind.AREA_PARTNERSHIP_BOARD, short_name="Chester APB")

    anchors = _anchors(_parse(_draw()))

    assert [a.get("aria-label").startswith(_box_text(a)) for a in anchors] == [True, True]


def test_status_is_shown_unless_active():
    _body("Shadow Partnership", BodyKind.THEMATIC_PARTNERSHIP, shadow_from=ON, active_from=None)
    _body("Active Partnership", BodyKind.THEMATIC_PARTNERSHIP)

    root = _parse(_draw())

    assert [(a.get("aria-label"), _box_text(a)) for a in _anchors(root)] == [
        ("Active Partnership, Thematic partnership", "Active Partnership"),
        ("Shadow Partnership (shadow), Thematic partnership", "Shadow Partnership (shadow)"),
    ]


def test_a_box_shows_the_short_name_and_labels_the_full_name():
    _body("Chester Area Partnership Board", BodyKind.AREA_PARTNERSHIP_BOARD, short_name="Chester APB")

    (anchor,) = _anchors(_parse(_draw()))

    assert (anchor.get("aria-label"), _box_text(anchor)) == (
        "Chester APB: Chester Area Partnership Board, Area partnership board",
        "Chester APB",
    )


def test_a_long_name_is_cut_to_three_lines():
    BodyFactory(name="Supercalifragilistic " * 8, slug="long", kind=BodyKind.OTHER)

    (anchor,) = _anchors(_parse(_draw()))

    lines = [tspan.text for tspan in anchor.iter(f"{SVG}tspan")]
    assert len(lines) == 3
    assert lines[-1].endswith("…")


def test_each_link_kind_has_its_own_dash_pattern_and_a_legend_entry(framework):
    root = _parse(_draw())

    dashes = set()
    for polyline in root.iter(f"{SVG}polyline"):
        kind = next(k for k in LinkKind if f" {k.label} " in polyline.find(f"{SVG}title").text)
        dashes.add((kind.value, polyline.get("stroke-dasharray")))
    assert sorted(dashes) == [
        ("chair_sits_on", "9 4"),
        ("commissions", "2 3"),
        ("formal_link", "12 3 2 3"),
        ("reports_to", None),
    ]
    legend = [text.text for text in root.iter(f"{SVG}text") if text.text in LinkKind.labels]
    assert legend == ["reports to", "chair sits on", "commissions", "has a formal link with"]


def test_colours_have_enough_contrast_against_white(framework):
    root = _parse(_draw())

    lines = {e.get("stroke") for e in root.iter() if e.tag in (f"{SVG}polyline", f"{SVG}line") and e.get("stroke")}
    arrowheads = {e.get("fill") for marker in root.iter(f"{SVG}marker") for e in marker}
    texts = {e.get("fill") for e in root.iter() if e.tag in (f"{SVG}text", f"{SVG}tspan") and e.get("fill")}

    assert len(lines) >= 4
    assert {c for c in lines | arrowheads if _contrast_with_white(c) < 3} == set()
    assert {c for c in texts if _contrast_with_white(c) < 4.5} == set()


def test_link_sentences_give_each_bodys_links_in_diagram_order(framework):
    bodies, links = _as_at()

    sentences = {body.name: said for body, said in link_sentences(bodies, links)}

    assert [body.name for body, _ in link_sentences(bodies, links)][:3] == [
        "Commissioning Board",
        "Partnership Board",
        "Thematic Leads",
    ]
    assert sentences["Commissioning Board"] == [
        "commissions Health Partnership",
        "has a formal link with Partnership Board",
    ]
    assert sentences["Chester Area Partnership Board"] == [
        "reports to Partnership Board",
        "chair sits on Partnership Board",
    ]
    assert sentences["Jobs Task Group"] == [
        "reports to Economy Partnership",
        "has a formal link with Chester Community Forum",
    ]
    assert sentences["Partnership Board"] == ["commissions Commissioning Board"]
