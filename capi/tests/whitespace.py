"""Feeds tests/fixtures/whitespace-names.json through the C ABI (ctypes on the shared library).

Usage: python3 whitespace.py <libfinesse_errors.so> <whitespace-names.json>
Prints one line per failed case and exits 1 if any failed.
"""
import ctypes
import json
import sys

lib = ctypes.CDLL(sys.argv[1])
lib.fe_lookup_symbol.restype = ctypes.c_void_p
lib.fe_lookup_symbol.argtypes = [ctypes.c_char_p]
lib.fe_parse_code.restype = ctypes.c_bool
lib.fe_parse_code.argtypes = [ctypes.c_uint32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int32)]
lib.fe_family_name.restype = ctypes.c_char_p
lib.fe_family_name.argtypes = [ctypes.c_uint32]

cases = json.load(open(sys.argv[2], encoding="utf-8"))
failed = 0
for case in cases["names"]:
    found = lib.fe_lookup_symbol(case["input"].encode())
    # Entries are static: the same entry is the same pointer.
    expected = lib.fe_lookup_symbol(case["symbol"].encode()) if case["symbol"] else None
    if case["symbol"] and not expected:
        print(f"the fixture's symbol {case['symbol']!r} is unknown")
        failed += 1
    elif found != expected:
        print(f"fe_lookup_symbol({case['input']!r}) is not the entry of {case['symbol']!r}")
        failed += 1
families = {}
for i in range(64):
    name = lib.fe_family_name(i)
    if name:
        families[name.decode()] = i
for case in cases["codes"]:
    code = ctypes.c_int32(0)
    ok = lib.fe_parse_code(families[case["family"]], case["input"].encode(), ctypes.byref(code))
    got = code.value if ok else None
    if got != case["code"]:
        print(f"fe_parse_code({case['family']}, {case['input']!r}) = {got}, expected {case['code']}")
        failed += 1
print(f"{len(cases['names']) + len(cases['codes'])} cases, {failed} failed")
sys.exit(1 if failed else 0)
