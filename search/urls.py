"""The search page (included by config/urls.py)."""

from django.urls import path

from search import views

urlpatterns = [path("search/", views.search, name="search")]
