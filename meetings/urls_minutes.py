"""URL patterns of this part of the meetings app (included by partnership/urls.py)."""

urlpatterns = []
