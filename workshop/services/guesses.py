"""Making guesses slow without ever locking out a room: join codes and the organiser passcode.

A whole room shares one public address, so an address is never refused for what it did
right. Each address has a budget of *wrong* guesses (a burst, then a few a minute). A code
that an address has used successfully (created, opened or joined a session with) is
remembered for that address and is never counted or refused again, so the room's own code
keeps working for everyone behind the address whatever typos or scripts share it. Only
while an address has spent its budget is a code it has not used before left unchecked: to
check it would tell a guesser whether it was right. A facilitator key, a screen key or a
participant token proves the code by itself and is always checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..limits import Budgets, address_key
from ..storage import SessionRecord, Store
from .errors import Refused
from .sessions import is_code, same_secret

log = logging.getLogger(__name__)

# How long an address keeps its good codes: longer than any meeting.
GOOD_CODE_SECONDS = 12 * 60 * 60


@dataclass(frozen=True)
class GuessLimits:
    """A burst of wrong guesses per address, then ``per_minute``."""

    burst: float = 100
    per_minute: float = 30

    @property
    def rate(self) -> float:
        return self.per_minute / 60.0


class Guesses:
    """The guessing budgets of every address, on top of the shared ``Budgets``."""

    def __init__(self, budgets: Budgets, codes: GuessLimits, passcodes: GuessLimits) -> None:
        self.budgets = budgets
        self.codes = codes
        self.passcodes = passcodes

    # join codes ------------------------------------------------------------------------

    def _has_budget(self, bucket: str, limits: GuessLimits) -> bool:
        return self.budgets.level(bucket, limits.burst, limits.rate) >= 1

    def _wrong(self, bucket: str, limits: GuessLimits, address: str) -> None:
        if not self.budgets.take(bucket, limits.burst, limits.rate):
            log.warning("guessing budget spent for %s", address)

    def remember_code(self, address: str | None, code: str) -> None:
        """``code`` worked from this address: it is never counted as a guess from there."""
        self.budgets.remember(f"good:{address_key(address)}:{code}", GOOD_CODE_SECONDS)

    def find_session(
        self,
        store: Store,
        code: object,
        address: str | None,
        proof: Callable[[SessionRecord], bool] | None = None,
    ) -> SessionRecord:
        """The session with this code, spending the address's budget when there is none.

        ``proof`` says whether the caller also holds a secret of the session (a key or a
        token); with one, the code is checked even when the address's budget is spent.
        """
        if not is_code(code):
            raise Refused("bad_code")  # not a guess: nothing could have matched
        assert isinstance(code, str)
        where = address_key(address)
        bucket = f"codes:{where}"
        known = self.budgets.remembered(f"good:{where}:{code}")
        if not known and not self._has_budget(bucket, self.codes):
            session = store.session_by_code(code) if proof is not None else None
            if session is not None and proof is not None and proof(session):
                self.remember_code(address, code)
                return session
            raise Refused("too_many_attempts")
        session = store.session_by_code(code)
        if session is None:
            self._wrong(bucket, self.codes, where)
            raise Refused("unknown_session")
        if not known:
            self.remember_code(address, code)
        return session

    def find_with_secret(
        self,
        store: Store,
        code: object,
        address: str | None,
        proof: Callable[[SessionRecord | None], bool],
    ) -> SessionRecord:
        """The session with this code, for a caller who must also hold one of its secrets.

        A wrong code and a right code with a wrong secret get the same refusal
        (``unknown_session``), cost the same work, and both spend the address's budget: the
        answer never tells a guesser that a code is live. ``proof`` is called with None when
        there is no such session, so that it compares against something all the same.
        """
        if not is_code(code):
            raise Refused("bad_code")
        assert isinstance(code, str)
        where = address_key(address)
        bucket = f"codes:{where}"
        session = store.session_by_code(code)
        proven = proof(session)
        if session is not None and proven:
            self.remember_code(address, code)
            return session
        if session is not None:
            # A live session may come from memory; a wrong code always costs a database read.
            # Read once here too, so the time of the refusal does not tell them apart.
            store.code_in_use(code)
        if not self._has_budget(bucket, self.codes):
            raise Refused("too_many_attempts")
        self._wrong(bucket, self.codes, where)
        if session is not None:
            log.warning("wrong facilitator key for session %s", code)
        raise Refused("unknown_session")

    # the organiser passcode ------------------------------------------------------------

    def check_passcode(
        self,
        given: object,
        expected: str | None,
        address: str | None,
        proven: bool = False,
        limited: bool = True,
    ) -> None:
        """Refuse unless ``given`` is the passcode (or none is set, or ``proven`` earlier).

        Only a ``limited`` caller (one not on the computer that runs the tool) spends or
        waits for the address's budget: nobody guessing from the room can keep the organiser
        at the laptop out.
        """
        if not expected or proven:
            return
        where = address_key(address)
        bucket = f"passcodes:{where}"
        if not limited:
            if not same_secret(given, expected):
                raise Refused("passcode_required")
            return
        if not self._has_budget(bucket, self.passcodes):
            raise Refused("too_many_attempts")
        if not same_secret(given, expected):
            if given:
                log.warning("wrong organiser passcode from %s", where)
                self._wrong(bucket, self.passcodes, where)
            raise Refused("passcode_required")
