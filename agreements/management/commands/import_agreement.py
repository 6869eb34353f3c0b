"""`manage.py import_agreement FILE`: read a Markdown or plain-text agreement into a new draft version."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agreements.actions import drafting as actions
from agreements.importer import parse
from agreements.models import Agreement
from partnership.models import User
from partnership.transactions import several_actions

DEFAULT_TITLE = "Agreement and Protocols"
DEFAULT_SLUG = "agreement-and-protocols"


class Command(BaseCommand):
    help = (
        "Import an agreement with numbered headings (Markdown or plain text) as a draft version. "
        "Sections, clauses and sub-clauses keep the numbers the file gives them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The Markdown or plain-text file to read (UTF-8).")
        parser.add_argument(
            "--agreement",
            metavar="SLUG",
            help="The agreement the draft belongs to (default: the framework's own; created if there is none).",
        )
        parser.add_argument("--title", default=DEFAULT_TITLE, help="The title of an agreement created by the import.")
        parser.add_argument("--label", help="The version's label (default: the label the file gives, e.g. V5 2.4.09).")
        parser.add_argument("--summary", default="", help="The summary of changes.")
        parser.add_argument("--by", metavar="EMAIL", help="The secretariat officer recorded as importing it.")

    def handle(self, *args, file, agreement=None, title=DEFAULT_TITLE, label=None, summary="", by=None, **options):
        path = Path(file)
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        document = parse(source)
        if not document.sections:
            raise CommandError(f"No numbered sections found in {path}: headings such as '1. Introduction' are needed.")
        label = (label or document.label).strip()
        if not label:
            raise CommandError("The file gives no version label: pass one with --label.")
        user = None
        if by:
            user = User.objects.filter(email__iexact=by).first()
            if user is None:
                raise CommandError(f"No login with the address {by}.")
        try:
            # The agreement it may create and the draft: both or neither.
            with several_actions():
                target = self._agreement(agreement, title, user)
                version = actions.import_draft(target, by=user, label=label, document=document, summary=summary)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        count = version.clauses.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{version.label}” as a draft of {target.title}: "
                f"{len(document.sections)} sections, {count} numbered parts in all (version {version.pk})."
            )
        )

    def _agreement(self, slug, title, user):
        if slug:
            found = Agreement.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"No agreement with the slug {slug!r}.")
            return found
        found = Agreement.objects.framework().first()
        return found or actions.create_agreement(by=user, title=title, slug=DEFAULT_SLUG)
