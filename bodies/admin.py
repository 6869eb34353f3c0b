from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from bodies.models import Body, BodyChange, BodyLink, Membership, Seat


@admin.register(Body)
class BodyAdmin(GuardedModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "mode", "established_on", "ended_on"]
    list_filter = ["kind", "mode"]
    search_fields = ["name", "short_name"]


@admin.register(BodyChange)
class BodyChangeAdmin(admin.ModelAdmin):
    list_display = ["body", "kind", "on", "other_body"]

    # The log of a body's life is written by bodies.actions only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BodyLink)
class BodyLinkAdmin(SimpleHistoryAdmin):
    list_display = ["from_body", "kind", "to_body", "start", "end"]


@admin.register(Seat)
class SeatAdmin(SimpleHistoryAdmin):
    list_display = ["label", "body", "organisation", "start", "end"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "body", "role", "organisation", "start", "end"]
    list_filter = ["role", "body"]
    search_fields = ["person__name", "body__name"]
    raw_id_fields = ["person", "reserve_for"]
