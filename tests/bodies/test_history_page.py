import datetime

from django.urls import reverse

from bodies.actions import bodies as actions


def test_history_shows_a_body_ending_with_who_ended_it(cast, client_for):
    actions.end_body(cast.forum, by=cast.secretariat, last_day=datetime.date(2011, 3, 31), reason="Work done.")

    response = client_for("secretariat").get(reverse("manage:history", args=["body", cast.forum.slug]))

    newest = response.context["entries"][0]
    assert newest["changes"] == [("ended on", None, datetime.date(2011, 3, 31))]
    assert newest["record"].history_user == cast.secretariat


def test_history_shows_a_terms_of_reference_edit_by_the_chair(cast, client_for):
    client_for("chair").post(
        reverse("body_terms_edit", args=[cast.board.slug]), {"terms_of_reference": "The board meets four times a year."}
    )

    response = client_for("secretariat").get(reverse("manage:history", args=["body", cast.board.slug]))

    newest = response.context["entries"][0]
    assert newest["changes"] == [("terms of reference", "", "The board meets four times a year.")]
    assert newest["record"].history_user == cast.chair
