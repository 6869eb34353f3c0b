"""Who declares offers and who sees and answers requests for advice; each rule agrees with its queryset twin."""

from django.contrib.auth.models import AnonymousUser

from bodies.models import Role
from declarations.actions.gifts import ask_for_advice
from declarations.models import AdviceRequest
from declarations.policies.gifts import (
    advice_requests_answerable_by,
    advice_requests_visible_to,
    gift_declarants,
)
from tests.conftest import CAST_KEYS
from tests.factories import MembershipFactory, PersonFactory, UserFactory


def user_of(cast, who):
    return getattr(cast, who) or AnonymousUser()


def test_who_may_declare_offers(cast):
    may = [who for who in CAST_KEYS if user_of(cast, who).has_perm("declarations.declare_gift")]
    assert may == ["secretariat", "chair", "member", "other_member"]


def test_the_declare_rule_agrees_with_its_twin(cast):
    twin = set(gift_declarants())
    for who in CAST_KEYS:
        user = user_of(cast, who)
        person = getattr(user, "person", None)
        assert user.has_perm("declarations.declare_gift") == (person in twin), who


def test_a_member_whose_membership_has_ended_may_no_longer_declare(cast):
    cast.member_membership.end = cast.member_membership.start
    cast.member_membership.save()
    assert cast.member.has_perm("declarations.declare_gift") is False
    assert cast.member.person not in set(gift_declarants())


def test_who_sees_and_answers_a_request_to_the_board(cast, advice_requests):
    board, _ = advice_requests
    seeing = [who for who in CAST_KEYS if user_of(cast, who).has_perm("declarations.view_advice_request", board)]
    answering = [who for who in CAST_KEYS if user_of(cast, who).has_perm("declarations.answer_advice_request", board)]
    assert seeing == ["secretariat", "chair", "member"]
    assert answering == ["secretariat", "chair"]


def test_the_vice_chair_answers_and_a_chair_of_another_body_cannot_see(cast, advice_requests):
    board, forum = advice_requests
    vice = UserFactory(email="vic@example.org")
    MembershipFactory(person=PersonFactory(name="Vic Vance", user=vice), body=cast.board, role=Role.VICE_CHAIR)
    other_chair = UserFactory(email="fran@example.org")
    MembershipFactory(person=PersonFactory(name="Fran Ford", user=other_chair), body=cast.forum, role=Role.CHAIR)
    assert vice.has_perm("declarations.answer_advice_request", board) is True
    assert vice.has_perm("declarations.view_advice_request", forum) is False
    assert other_chair.has_perm("declarations.view_advice_request", board) is False
    assert other_chair.has_perm("declarations.answer_advice_request", forum) is True
    assert list(advice_requests_answerable_by(vice)) == [board]
    assert list(advice_requests_answerable_by(other_chair)) == [forum]


def test_a_chair_cannot_answer_their_own_request(cast):
    own = ask_for_advice(person=cast.chair.person, by=cast.chair, body=cast.board, question="Tickets?")
    assert cast.chair.has_perm("declarations.view_advice_request", own) is True
    assert cast.chair.has_perm("declarations.answer_advice_request", own) is False


def test_the_advice_rules_agree_with_their_twins(cast, advice_requests):
    ask_for_advice(person=cast.chair.person, by=cast.chair, body=cast.board, question="Mine")
    for who in CAST_KEYS:
        user = user_of(cast, who)
        visible = set(advice_requests_visible_to(user))
        answerable = set(advice_requests_answerable_by(user))
        for request in AdviceRequest.objects.all():
            assert user.has_perm("declarations.view_advice_request", request) == (request in visible), who
            assert user.has_perm("declarations.answer_advice_request", request) == (request in answerable), who
