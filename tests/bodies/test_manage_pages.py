"""The secretariat's pages answer bad input with a message, never a server error (issue 11)."""

import datetime

from django.urls import reverse

from partnership.models import Person


# A review on 31 December 9999 once raised ValueError: the next review fell in year 10000.
def test_a_review_beyond_the_years_forms_accept_is_refused_with_a_message(cast, client_for):
    membership = cast.member_membership
    membership.review_due_on = datetime.date(2010, 4, 1)
    membership.save(update_fields=["review_due_on"])
    response = client_for("secretariat").post(
        reverse("manage:membership_review", args=[membership.pk]), {"reviewed_on": "9999-12-31"}, follow=True
    )
    assert response.redirect_chain == [(reverse("manage:reviews_due"), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Enter the date of the review as a real date."
    ]
    membership.refresh_from_db()
    assert membership.review_due_on == datetime.date(2010, 4, 1)


def test_a_review_on_the_last_day_forms_accept_is_recorded(cast, client_for):
    membership = cast.member_membership
    client_for("secretariat").post(
        reverse("manage:membership_review", args=[membership.pk]), {"reviewed_on": "2999-12-31"}
    )
    membership.refresh_from_db()
    assert membership.review_due_on == datetime.date(3000, 12, 31)


# SQLite refused a LIKE pattern of 100,000 characters: OperationalError.
def test_an_over_long_search_for_people_is_refused_with_the_form_s_message(cast, client_for):
    response = client_for("secretariat").get(reverse("manage:person_list"), {"q": "x" * 100_000})
    assert response.status_code == 400
    message = "Enter a name or email address of 200 characters or fewer."
    assert response.context["form"].errors == {"q": [message]}
    page = response.content.decode()
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in page
    assert f'<a href="#q">{message}</a>' in page
    # The list is shown unfiltered below the message.
    assert list(response.context["page_obj"]) == list(Person.objects.order_by("name"))


def test_a_search_for_people_finds_them_by_name_or_address(cast, client_for):
    response = client_for("secretariat").get(reverse("manage:person_list"), {"q": " MEL "})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [cast.member.person]
    assert response.context["query"] == "MEL"
