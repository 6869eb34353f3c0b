from django.conf import settings


def partnership(request):
    user = getattr(request, "user", None)
    return {
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "is_secretariat": bool(user is not None and user.is_authenticated and user.is_secretariat),
    }
