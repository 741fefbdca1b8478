"""Idempotency-Key on the API's create endpoints: a client that did not get the answer may send the same
request again with the same key and gets what the first one created (201, `Idempotent-Replayed: true`).

The key row is written in the transaction that creates the object, so it exists exactly when the object
does; a request that failed left no key and may be retried. Keys are per user and endpoint and expire
after a day. Replies follow the IETF draft "The Idempotency-Key HTTP Header Field": the same key with
another body is 422; the object created with the key is gone is 409.
"""

import hashlib
import json
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from .models import LIFETIME, IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, e.g. a UUID

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=gettext_lazy(
        "Valfri nyckel (t.ex. ett UUID, 1–255 synliga ASCII-tecken) som gör det säkert att skicka om begäran: "
        "samma nyckel och samma innehåll inom ett dygn ger det som redan skapades (201 med huvudet "
        "Idempotent-Replayed: true) i stället för ett nytt objekt. Samma nyckel med annat innehåll ger 422."
    ),
)
IDEMPOTENCY_RESPONSES = {
    409: OpenApiResponse(description=gettext_lazy("Det som skapades med nyckeln finns inte längre.")),
    422: OpenApiResponse(description=gettext_lazy("Nyckeln har redan använts med annat innehåll.")),
}


class MalformedKey(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "idempotency_key_malformed"


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"


class CreatedObjectGone(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_object_gone"


def create_once(request, *, endpoint: str, model, create: Callable, respond: Callable[..., Response]) -> Response:
    """Run `create()` once per Idempotency-Key and answer `respond(obj)`; without the header, just create."""
    key = _key(request)
    if key is None:
        return respond(create())
    fingerprint = _fingerprint(request)
    with transaction.atomic():
        IdempotencyKey.objects.filter(
            user=request.user, endpoint=endpoint, key=key, created_at__lt=timezone.now() - LIFETIME
        ).delete()
        stored = _claim(request.user, endpoint, key, fingerprint)
        if stored is not None:
            created = create()
            stored.object_id = created.pk
            stored.save(update_fields=["object_id"])
    if stored is not None:
        return respond(created)
    return _replay(request, endpoint, key, fingerprint, model, respond)


def _key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not VALID_KEY.fullmatch(key):
        raise MalformedKey(
            _("Idempotency-Key ska vara 1–255 synliga ASCII-tecken utan mellanslag, till exempel ett UUID.")
        )
    return key


def _claim(user, endpoint: str, key: str, fingerprint: str) -> IdempotencyKey | None:
    """The key's row, new; None when the key was used already (or by a request that just committed)."""
    try:
        with transaction.atomic():  # a savepoint: the lost race must leave the outer transaction usable
            return IdempotencyKey.objects.create(user=user, endpoint=endpoint, key=key, fingerprint=fingerprint)
    except IntegrityError:
        return None


def _replay(request, endpoint, key, fingerprint, model, respond) -> Response:
    stored = IdempotencyKey.objects.get(user=request.user, endpoint=endpoint, key=key)
    if stored.fingerprint != fingerprint:
        raise KeyReused(
            _(
                "Idempotency-Key %(key)s har redan använts för en begäran med annat innehåll. "
                "Använd en ny nyckel för en ny begäran."
            )
            % {"key": key}
        )
    created = model._default_manager.filter(pk=stored.object_id).first()
    if created is None:
        raise CreatedObjectGone(
            _("Det som skapades med Idempotency-Key %(key)s finns inte längre; det skapas inte igen.") % {"key": key}
        )
    response = respond(created)
    response[REPLAYED_HEADER] = "true"
    return response


def _fingerprint(request) -> str:
    """What the request asks for: method, path, the fields and every file's name, size and content."""
    data = request.data
    fields = {k: v for k, v in data.lists() if k not in request.FILES} if hasattr(data, "lists") else data
    files = sorted(
        (name, upload.name, upload.size, _digest(upload))
        for name, uploads in request.FILES.lists()
        for upload in uploads
    )
    payload = {"method": request.method, "path": request.path, "fields": fields, "files": files}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _digest(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
