"""URL patterns of the performance app (included by config/urls.py)."""

from django.urls import path

from performance import views

urlpatterns = [
    path("performance/", views.indicator_list, name="performance_indicators"),
    path("performance/indicators/<slug:slug>/", views.indicator_detail, name="performance_indicator"),
    path("performance/indicators/<slug:slug>/values/", views.value_entry, name="performance_value_entry"),
    path("performance/bodies/<slug:slug>/exceptions/", views.body_exceptions, name="performance_exceptions"),
    path(
        "performance/bodies/<slug:slug>/exceptions/to-agenda/",
        views.exceptions_to_agenda,
        name="performance_exceptions_to_agenda",
    ),
    path("performance/report/<int:year>/", views.annual_report, name="performance_report"),
    path("performance/report/<int:year>/report.pdf", views.annual_report_pdf, name="performance_report_pdf"),
    path("manage/performance/", views.manage, name="performance_manage"),
    path("manage/performance/indicators/new/", views.indicator_create, name="performance_indicator_create"),
    path("manage/performance/indicators/<slug:slug>/edit/", views.indicator_edit, name="performance_indicator_edit"),
    path("manage/performance/indicators/<slug:slug>/targets/", views.target_set, name="performance_target_set"),
    path("manage/performance/values/<int:pk>/publish/", views.value_publish, name="performance_value_publish"),
]
