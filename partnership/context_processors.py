from django.conf import settings

from partnership.policies import is_secretariat


def partnership(request):
    return {
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
        "is_secretariat": is_secretariat(getattr(request, "user", None)),
    }
