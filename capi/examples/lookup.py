#!/usr/bin/env python3
"""Look up an error code through the finesse-errors C API with ctypes.

usage: python3 lookup.py LIBRARY CODE [FAMILY]

  LIBRARY  path to the shared library, e.g. target/release/libfinesse_errors.so
  CODE     a numeric code, e.g. 265
  FAMILY   the family the code belongs to (default: cti_control_failure); one of
           finesse_api, cti_status, cti_control_failure, peripheral, media_routing

Prints the entry's symbol, message, retry advice and remediation. Exits with 1 if the
family does not define the code, 2 on bad usage.
"""

import ctypes
import sys


class FeError(ctypes.Structure):
    """`fe_error` from include/finesse_errors.h: the same fields in the same order."""

    _fields_ = [
        ("family", ctypes.c_uint32),
        ("code", ctypes.c_int32),
        ("http_status", ctypes.c_uint16),
        ("has_code", ctypes.c_bool),
        ("category_id", ctypes.c_uint32),
        ("retry_id", ctypes.c_uint32),
        ("layer_id", ctypes.c_uint32),
        ("symbol", ctypes.c_char_p),
        ("aliases", ctypes.c_char_p),
        ("category", ctypes.c_char_p),
        ("retry", ctypes.c_char_p),
        ("layer", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("remediation", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
        ("note", ctypes.c_char_p),
    ]


def load(path):
    """Loads the library and declares the functions this example calls."""
    lib = ctypes.CDLL(path)
    lib.fe_lookup.argtypes = [ctypes.c_uint32, ctypes.c_int32]
    lib.fe_lookup.restype = ctypes.POINTER(FeError)
    lib.fe_family_name.argtypes = [ctypes.c_uint32]
    lib.fe_family_name.restype = ctypes.c_char_p
    lib.fe_version.argtypes = []
    lib.fe_version.restype = ctypes.c_char_p
    return lib


def family_number(lib, name):
    """The FE_FAMILY_* value whose name is `name`, or None. fe_family_name() answers NULL
    (None here) past the last family."""
    number = 0
    while True:
        known = lib.fe_family_name(number)
        if known is None:
            return None
        if known.decode() == name:
            return number
        number += 1


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    lib = load(argv[1])
    family_name = argv[3] if len(argv) == 4 else "cti_control_failure"
    family = family_number(lib, family_name)
    if family is None:
        print(f"unknown family: {family_name}", file=sys.stderr)
        return 2
    try:
        code = int(argv[2])
    except ValueError:
        print(f"not a number: {argv[2]}", file=sys.stderr)
        return 2

    entry = lib.fe_lookup(family, code)
    if not entry:  # a NULL pointer
        print(f"{family_name} {code}: not found "
              f"(finesse-errors {lib.fe_version().decode()})", file=sys.stderr)
        return 1
    # The strings are static in the library: ctypes copies them, nothing is freed.
    e = entry.contents
    print(f"{family_name} {e.code} {e.symbol.decode()}")
    print(f"message: {e.message.decode()}")
    print(f"retry: {e.retry.decode()}")
    print(f"remediation: {e.remediation.decode()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
