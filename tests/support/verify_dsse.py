"""Verifies a DSSE envelope with code hallmark did not write: the PAE is built here from the
DSSE spec, the signature is checked by `openssl pkeyutl -verify -rawin` and by Debian's
python3-securesystemslib (PyNaCl underneath). Prints "openssl: OK|FAIL", "securesystemslib:
OK|FAIL" and, when both hold, the statement's predicateType, result and subject digests.
Usage: verify_dsse.py ENVELOPE PUBLIC_KEY.pem"""
import base64
import json
import subprocess
import sys
import tempfile

from securesystemslib import ed25519_keys, exceptions

envelope_path, public_pem = sys.argv[1], sys.argv[2]
with open(envelope_path, encoding="utf-8") as source:
    envelope = json.load(source)
payload = base64.b64decode(envelope["payload"])
payload_type = envelope["payloadType"].encode()
pae = b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(payload), payload)
signature = base64.b64decode(envelope["signatures"][0]["sig"])

with tempfile.TemporaryDirectory() as work:
    with open(f"{work}/pae", "wb") as out:
        out.write(pae)
    with open(f"{work}/sig", "wb") as out:
        out.write(signature)
    checked = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", public_pem, "-rawin",
                              "-in", f"{work}/pae", "-sigfile", f"{work}/sig"], capture_output=True)
    by_openssl = checked.returncode == 0
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", public_pem, "-outform", "DER"],
                         capture_output=True, check=True).stdout
try:
    by_sslib = ed25519_keys.verify_signature(der[-32:], "ed25519", signature, pae)
except exceptions.Error:
    by_sslib = False
print("openssl:", "OK" if by_openssl else "FAIL")
print("securesystemslib:", "OK" if by_sslib else "FAIL")
if by_openssl and by_sslib:
    statement = json.loads(payload)
    print("predicateType:", statement["predicateType"])
    print("result:", statement["predicate"]["result"])
    for subject in statement["subject"]:
        print("subject:", subject["name"], subject["digest"]["sha256"])
