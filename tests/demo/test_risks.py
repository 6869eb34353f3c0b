"""The demo's risk register: a handful of risks of the task group and the board, one escalated."""

import pytest

from notifications.models import Notification
from risks.models import Risk, escalation_board
from tests.demo.support import SEEDS, runs_copied_from_the_seeds


@pytest.mark.django_db
class TestDemoRisks:
    def test_the_task_group_and_the_board_have_risks_and_one_is_escalated(self, loaded):
        board = escalation_board()
        assert board.slug == "commissioning-board"
        owners = set(Risk.objects.values_list("owner_body__slug", flat=True))
        assert owners == {"commissioning-board", "performance-and-risk-task-group"}
        assert 4 <= Risk.objects.count() <= 8
        assert [risk.owner_body for risk in Risk.objects.escalated()] == [board]
        # The secretariat was told of it, and each risk keeps its first version.
        assert Notification.objects.filter(kind="risk_escalated").exists()
        assert all(risk.history.count() == 1 for risk in Risk.objects.all())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed papers are not on this machine")
def test_the_demo_risks_copy_no_run_of_twelve_words_from_the_seeds():
    assert runs_copied_from_the_seeds("risks") == []
