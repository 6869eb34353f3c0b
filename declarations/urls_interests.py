"""URL patterns of this part of the declarations app (included by partnership/urls.py)."""

urlpatterns = []
