"""How events go on the wire: JSON made by orjson, and no search for binary in what we send.

python-socketio walks every outgoing payload to see whether it holds bytes, and encodes it with
the standard library's json. For a summary of thousands of cards sent to the console and the
projector four times a second, that walk and that encoding were most of a flush. The server
only ever sends JSON, so the walk is skipped; orjson encodes several times faster (and writes
UTF-8 instead of escaping every æ, ø and å). Incoming frames are still read by the standard
library, which is what the validation of every event was written and tested against.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from socketio.packet import Packet


class WireJSON:
    """A json module for python-socketio and python-engineio."""

    @staticmethod
    def dumps(data: Any, *_args: Any, **_kwargs: Any) -> str:
        try:
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode()
        except (orjson.JSONEncodeError, TypeError):
            return json.dumps(data, separators=(",", ":"))  # what orjson cannot (huge ints)

    @staticmethod
    def loads(text: str | bytes, *args: Any, **kwargs: Any) -> Any:
        return json.loads(text, *args, **kwargs)


class TextPacket(Packet):
    """A Socket.IO packet whose payload is taken to be JSON: the server sends no bytes."""

    json = WireJSON

    @classmethod
    def data_is_binary(cls, data: Any) -> bool:
        return False
