import re
import unicodedata

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from . import traps as traps
from .models import Reply

MESSAGE_MIN = 10
MESSAGE_MAX = 5000

# Bidirectional embeddings, overrides and isolates can make a text display as something other
# than what it is ("Trojan Source"), in the admin as much as on the site. Plain right-to-left and
# left-to-right marks (U+200E, U+200F) are ordinary in Arabic or Hebrew text and are kept.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^(?:0|\+84)([1-9]\d{8})$", re.ASCII)


def _check_text(value: str, *, multiline: bool) -> str:
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    for ch in value:
        if multiline and ch in "\n\t":
            continue
        if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            raise forms.ValidationError(
                _("Remove the invisible control characters from this field."), code="control"
            )
        if ch in _BIDI_CONTROLS:
            raise forms.ValidationError(
                _("Remove the invisible text-direction characters from this field."), code="bidi"
            )
    return value.strip()


def normalise_phone(value: str) -> str:
    """0912 345 678, 0912.345.678 and +84 912 345 678 all become +84912345678."""
    match = _PHONE.match(_PHONE_SEPARATORS.sub("", value))
    if not match:
        raise forms.ValidationError(
            _(
                "Enter a Vietnamese phone number: 0 and 9 digits (0912 345 678) "
                "or +84 and 9 digits."
            ),
            code="phone",
        )
    return "+84" + match.group(1)


class FeedbackForm(forms.Form):
    """What a reader sends, and the form's own spam traps, judged in clean():

    - the honeypot (`leave_empty`, a name no browser autofills, hidden from people): filled in,
      the form is invalid with `trap = "honeypot"` whatever else it holds (the view thanks the
      bot as it would a reader, and saves nothing);
    - the time trap (`token`, signed, bound to `target`, traps.py): judged only when every field
      is valid (the reader corrects the fields first; a bad token is then renewed quietly).
      Otherwise `trap = "too_fast"` (the same token comes back: by the time the reader has
      checked the message, it is old enough) or `"bad_token"` (a fresh token comes back), each
      with a message asking to send again.

    Origin and rate limit are the guard's (portal/guards.py), judged before the form is made."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        error_messages={
            "required": _("Enter your full name."),
            "max_length": _("Use at most 100 characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        error_messages={"required": _("Enter your e-mail address so that we can answer you.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        help_text=_("Optional. For example 0912 345 678."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("Optional."),
        # One line: "address-line1" (the HTML autofill token "street-address" is for a textarea).
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    message = forms.CharField(
        label=_("Your feedback"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX}),
        error_messages={"required": _("Write your feedback.")},
        help_text=_("Between 10 and 5,000 characters."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the newsroom processes these details to handle and answer my feedback, "
            "as described in the privacy notice."
        ),
        error_messages={"required": _("Tick this box so that we may process your feedback.")},
    )
    # Honeypot: hidden from people by CSS, left empty by them; bots fill in every field.
    leave_empty = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        target: str = "contact",
        cacheable: bool = False,
        judge_traps: bool = True,
        **kwargs,
    ):
        """`target`: traps.form_target() of the article (or the contact page) the form is for;
        its time trap is bound to it. `cacheable`: the form is part of a page shared by every
        reader (the article page), so its time trap changes at most once a minute.
        `judge_traps=False`: only the fields are judged (a form handed back unsaved, see
        `handed_back()`)."""
        super().__init__(*args, **kwargs)
        self.target = target
        self.judge_traps = judge_traps
        self.trap: str | None = None  # after validation: the trap this form tripped, if any
        if not self.is_bound:
            self.initial["token"] = traps.make_form_token(target, cacheable=cacheable)

    @classmethod
    def handed_back(cls, data, *, target: str) -> "FeedbackForm":
        """The reader's form, sent back unsaved (refused by the guard, or not saved because the
        database did not answer): everything as typed, a fresh time trap, and only the fields
        judged, so that it can be sent again as it is."""
        form = cls(data, target=target, judge_traps=False)
        form.renew_token()
        return form

    def clean(self):
        cleaned_data = super().clean()
        if not self.judge_traps:
            return cleaned_data
        if str(self.data.get(self.add_prefix("leave_empty"), "")).strip():
            # Only a bot fills in the hidden field. Never shown: the view thanks it, saves nothing.
            self.trap = "honeypot"
            self.add_error(
                "leave_empty",
                forms.ValidationError(_("This field must be left empty."), code="honeypot"),
            )
            return cleaned_data
        try:
            token = str(self.data.get(self.add_prefix("token"), ""))
            traps.check_form_token(token, self.target)
        except traps.TokenError as error:
            if self.errors:  # the traps only judge a form that would be saved
                if error.kind == "bad_token":
                    self.renew_token()
                return cleaned_data
            self.trap = error.kind
            if error.kind == "too_fast":
                message = _("That was very quick. Please check your message, then send it again.")
            else:
                self.renew_token()
                message = _("This form has expired. Please send it again.")
            self.add_error(None, forms.ValidationError(message, code=error.kind))
        return cleaned_data

    def _text(self, name: str, *, multiline: bool = False, limit: int | None = None) -> str:
        """The field's text, normalised (NFC) and checked; its length checked again afterwards,
        since normalising can lengthen a text (U+FB2C becomes three characters)."""
        value = _check_text(self.cleaned_data[name], multiline=multiline)
        limit = limit or self.fields[name].max_length
        if limit is not None and len(value) > limit:
            raise forms.ValidationError(
                _("Write at most %(max)d characters (you wrote %(count)d)."),
                code="max_length",
                params={"max": limit, "count": len(value)},
            )
        return value

    def clean_name(self):
        return self._text("name")

    def clean_email(self):
        value = self._text("email")
        EmailValidator(message=_("Enter a valid e-mail address, for example ten@example.vn."))(
            value
        )
        return value

    def clean_phone(self):
        value = self._text("phone")
        return normalise_phone(value) if value else ""

    def clean_address(self):
        return self._text("address")

    def clean_message(self):
        value = self._text("message", multiline=True, limit=MESSAGE_MAX)
        if len(value) < MESSAGE_MIN:
            raise forms.ValidationError(
                _("Write at least %(min)d characters (you wrote %(count)d)."),
                code="min_length",
                params={"min": MESSAGE_MIN, "count": len(value)},
            )
        return value

    def renew_token(self):
        """After an error, show the form again with a fresh time trap if the old one is unusable."""
        data = self.data.copy()
        data[self.add_prefix("token")] = traps.make_form_token(self.target)
        self.data = data


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12, "cols": 80})}


class EraseByEmailForm(forms.Form):
    email = forms.EmailField(label=_("The sender's e-mail address"))
    confirm = forms.BooleanField(
        label=_("Erase this sender's e-mail, phone and address from every item")
    )
