"""Create the development seal (a self-signed certificate and its key in VAR_DIR/seal/) if there is none."""

from django.core.management.base import BaseCommand

from agreements import seal


class Command(BaseCommand):
    help = "Create the development seal for the Agreement's PDF, unless a seal is configured or one exists."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="Make a new development seal even if one exists.")

    def handle(self, *args, replace=False, **options):
        files = seal.seal_files()
        if not files.development:
            self.stdout.write(f"A seal is configured ({files.cert}); no development seal is needed.")
            return
        folder = seal.make_dev_seal(replace=replace)
        self.stdout.write(f"Development seal ({seal.DEV_COMMON_NAME}): {folder / seal.DEV_CERT}")
