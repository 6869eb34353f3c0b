"""Build the search index again from every record (search.index.rebuild)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from meetings.extraction import extract_text
from meetings.models import PaperVersion
from partnership import public_cache
from search import index


class Command(BaseCommand):
    help = (
        "Empty the search index and build it again from every record, in batches: after rows were written "
        "without the ORM's signals (make_scale_data) or a release that changes what the index holds. With "
        "--extract, first read the words of uploaded papers that have none yet (uploaded before search)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--extract",
            action="store_true",
            help="Read the text of every uploaded document whose text was never read (a PDF, Word or OpenDocument).",
        )

    def handle(self, *args, extract=False, verbosity=1, **options):
        started = time.perf_counter()
        if extract:
            self.stdout.write(f"Read the text of {self._extract()} uploaded documents.")
        say = self.stdout.write if verbosity > 1 else None
        with transaction.atomic():
            count = index.rebuild(say=say)
        self.stdout.write(
            self.style.SUCCESS(f"Built the search index: {count} entries in {time.perf_counter() - started:.1f} s.")
        )

    def _extract(self) -> int:
        """Fill `extracted_text` of the versions uploaded before it was read at upload; return how many were read."""
        read = 0
        versions = (
            PaperVersion.objects.exclude(document="").filter(extracted_text="").only("pk", "document", "content_type")
        )
        for version in versions.iterator(chunk_size=100):
            try:
                handle = version.document.open("rb")
            except (FileNotFoundError, OSError):
                continue
            with handle:
                text = extract_text(handle, version.content_type)
            if text:
                # A write beside the actions: this fills a derived field once, and the rebuild that follows reads it.
                PaperVersion.objects.filter(pk=version.pk).update(extracted_text=text)
                read += 1
        if read:
            public_cache.changed(PaperVersion)
        return read
