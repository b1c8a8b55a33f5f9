"""Personal data at rest: sealed values open only where they were sealed, under a known key; keys rotate."""

import base64
from typing import Any

import pytest
from pydantic import ValidationError

from adr_intake.settings import Settings
from adr_intake.store.pii import DEV_KEY, DEV_KEY_ID, PiiKeyError, UnreadablePersonalData, keyring_from, mask_phone

from ..decision_builders import KEY_A, KEY_B, a_cipher

pytestmark = pytest.mark.clause("M3", "O3")

WHERE = "dispute:0190a7c4-5b6e-7d2f-8a9b-0c1d2e3f4a5b:applicant0.name"


def test_a_sealed_value_opens_to_the_same_text_and_does_not_show_it() -> None:
    cipher = a_cipher()

    token = cipher.seal("张三", context=WHERE)

    assert token.startswith("pii1.k2026a.")
    assert "张三" not in token and "张三".encode().hex() not in token
    assert cipher.open(token, context=WHERE) == "张三"


def test_sealing_twice_gives_different_values() -> None:
    cipher = a_cipher()

    assert cipher.seal("张三", context=WHERE) != cipher.seal("张三", context=WHERE)


def test_a_value_copied_to_another_place_does_not_open() -> None:
    cipher = a_cipher()
    token = cipher.seal("13800001234", context=WHERE.replace("name", "phone"))

    with pytest.raises(UnreadablePersonalData):
        cipher.open(token, context=WHERE)


def test_a_tampered_value_does_not_open() -> None:
    cipher = a_cipher()
    token = cipher.seal("张三", context=WHERE)
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]

    with pytest.raises(UnreadablePersonalData):
        cipher.open(tampered, context=WHERE)


def test_plaintext_in_a_sealed_column_is_refused_not_passed_through() -> None:
    with pytest.raises(UnreadablePersonalData):
        a_cipher().open("张三", context=WHERE)


def test_after_rotation_old_values_open_and_new_ones_use_the_new_key() -> None:
    old = a_cipher(KEY_A).seal("张三", context=WHERE)
    rotated = a_cipher(KEY_B, previous=KEY_A)

    assert rotated.open(old, context=WHERE) == "张三"
    assert rotated.seal("李四", context=WHERE).startswith("pii1.k2027b.")


def test_a_value_under_a_key_no_longer_configured_does_not_open() -> None:
    old = a_cipher(KEY_A).seal("张三", context=WHERE)

    with pytest.raises(UnreadablePersonalData):
        a_cipher(KEY_B).open(old, context=WHERE)


def test_blind_keys_find_a_value_indexed_before_the_rotation() -> None:
    indexed = a_cipher(KEY_A).blind_key("420502199001011234", kind="id_no")

    assert indexed in a_cipher(KEY_B, previous=KEY_A).blind_keys("420502199001011234", kind="id_no")
    assert indexed not in a_cipher(KEY_A).blind_keys("420502199001011235", kind="id_no")
    assert "420502199001011234" not in indexed


@pytest.mark.parametrize(
    "text", ["no-colon", "bad id!:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "k:c2hvcnQ=", "k:not*base64"]
)
def test_malformed_keys_are_refused_without_echoing_them(text: str) -> None:
    with pytest.raises(PiiKeyError) as refused:
        keyring_from(text)

    secret = text.partition(":")[2]
    assert not secret or secret not in str(refused.value)


def test_development_uses_the_published_key_when_none_is_configured() -> None:
    settings = Settings(env="dev")

    assert settings.keyring().current_id == DEV_KEY_ID


# production also needs signing settings (issue #10); these are real-looking, not the development keys
SIGNED: dict[str, Any] = {
    "signing_key": "intake-2027:" + "B" * 43 + "=",
    "trusted_keys": {
        "intake-2027": {"service": "intake", "public_key": "m4Gdo+5aXoHVJM9riGm3Qgo+lmWKYlyVyPcy1KNrBiM="}
    },
    "require_signatures": True,
}


@pytest.mark.parametrize("env", ["test", "prod"])
def test_outside_development_a_key_is_required(env: str) -> None:
    with pytest.raises(ValidationError, match="INTAKE_PII_KEY is required"):
        Settings(env=env, database_url="postgresql+asyncpg://db/intake", **SIGNED)


def test_production_refuses_the_development_key_even_when_given_and_does_not_echo_it() -> None:
    dev = "dev:" + base64.b64encode(DEV_KEY).decode()

    with pytest.raises(ValidationError) as refused:
        Settings(env="prod", database_url="postgresql+asyncpg://db/intake", pii_key=dev, **SIGNED)

    assert "development key" in str(refused.value)
    assert base64.b64encode(DEV_KEY).decode() not in str(refused.value)


def test_production_accepts_a_real_key_and_its_predecessors() -> None:
    settings = Settings(
        env="prod", database_url="postgresql+asyncpg://db/intake", pii_key=KEY_B, pii_previous_keys=KEY_A, **SIGNED
    )

    assert set(settings.keyring().keys) == {"k2026a", "k2027b"}


@pytest.mark.parametrize(("phone", "masked"), [("13800001234", "138****1234"), ("6543210", "*****10")])
def test_phones_are_masked(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked
