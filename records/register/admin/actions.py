"""Life-cycle actions in the admin: a button on the object's page, a confirmation page with its form,
and the service call; the service's Swedish message is shown when it refuses, and nothing changes."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from common.errors import DomainError
from common.lifecycle import LifeCycle
from records.register.admin.forms import add_service_errors


class ConfirmForm(forms.Form):
    """An action that needs nothing but a confirmation."""


@dataclass(frozen=True)
class Action:
    """A page for one action. Life-cycle actions name their table (`lifecycle`): the button is offered
    exactly when the table allows it; the others (moves, attachments) say `allowed` themselves."""

    name: str
    run: Callable  # (obj, user, cleaned_data) -> anything; calls a service
    done: str  # the success message, with %(ref)s
    lifecycle: LifeCycle | None = None
    label: str = ""  # defaults to the table's label
    allowed: Callable | None = None  # (user, obj) -> bool, for actions outside a life-cycle table
    form: type[forms.Form] = ConfirmForm
    warning: str = ""  # shown on the confirmation page
    form_kwargs: Callable | None = None  # (obj, user) -> extra keyword arguments of the form

    @property
    def title(self) -> str:
        return self.label or self.lifecycle[self.name].label

    def offered_to(self, user, obj) -> bool:
        if self.lifecycle is not None:
            return self.lifecycle.allows(self.name, user, obj)
        return self.allowed(user, obj)


def offered(actions, user, obj) -> list[dict]:
    opts = obj._meta
    return [
        {
            "name": a.name,
            "label": a.title,
            "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_{a.name}", args=[obj.pk]),
        }
        for a in actions
        if a.offered_to(user, obj)
    ]


def service_call(form, call) -> bool:
    """Run a service; its refusal becomes form errors. Returns whether it succeeded."""
    try:
        call()
    except DomainError as error:
        add_service_errors(form, error)
        return False
    except PermissionDenied as error:
        form.add_error(None, str(error) or "Du har inte behörighet att göra detta.")
        return False
    return True


def confirm(model_admin, request, object_id, action: Action):
    obj = model_admin.get_queryset(request).filter(pk=object_id).first()
    if obj is None:
        raise Http404
    if not action.offered_to(request.user, obj):
        raise PermissionDenied
    kwargs = action.form_kwargs(obj, request.user) if action.form_kwargs else {}
    form = action.form(request.POST or None, request.FILES or None, **kwargs)
    posted = request.method == "POST" and form.is_valid()
    if posted and service_call(form, lambda: action.run(obj, request.user, form.cleaned_data)):
        model_admin.message_user(request, action.done % {"ref": str(obj)}, messages.SUCCESS)
        opts = obj._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"{action.title}: {obj}",
        "original": obj,
        "form": form,
        "action": action,
    }
    return TemplateResponse(request, "admin/records/confirm_action.html", context)


def form_page(model_admin, request, *, form, title: str, run, done: str, redirect_to):
    """A page with a form that creates something through a service (an order, a team, a decision)."""
    if request.method == "POST" and form.is_valid():
        result = {}
        if service_call(form, lambda: result.setdefault("obj", run(form.cleaned_data))):
            obj = result["obj"]
            model_admin.message_user(request, done % {"ref": str(obj)}, messages.SUCCESS)
            return HttpResponseRedirect(redirect_to(obj))
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "title": title, "form": form}
    return TemplateResponse(request, "admin/records/form_page.html", context)


def urls(model_admin, actions) -> list:
    opts = model_admin.model._meta

    def view_for(action):
        def view(request, object_id):
            return confirm(model_admin, request, object_id, action)

        return model_admin.admin_site.admin_view(view)

    return [
        path(f"<int:object_id>/{a.name}/", view_for(a), name=f"{opts.app_label}_{opts.model_name}_{a.name}")
        for a in actions
    ]
