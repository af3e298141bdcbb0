"""`room serve --tls-cert --tls-key`: the pages over https and the participants' games over wss,
with a self-signed certificate made here."""

from __future__ import annotations

import datetime
import ipaddress
import json
import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from room_helpers import RoomProcess, free_port

from game.room.client import RoomClient


def _self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "room.crt", folder / "room.key"
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        if shutil.which("openssl") is None:
            pytest.skip("neither the cryptography package nor the openssl command is here")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                        "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True, timeout=60)
        return cert, key
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(private.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(private, hashes.SHA256()))
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return cert, key


def test_a_room_served_with_tls_speaks_https_and_wss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = _self_signed(tmp_path)
    room = RoomProcess(tmp_path / "room.sqlite", free_port())
    room.start("first-voyage", "--new", "--tls-cert", str(cert), "--tls-key", str(key))
    try:
        assert f"--room https://127.0.0.1:{room.port}" in room.banner
        assert f"https://127.0.0.1:{room.port}/dashboard#secret=" in room.banner
        trusted = ssl.create_default_context(cafile=str(cert))
        with urllib.request.urlopen(f"https://{room.address}/api/info", context=trusted, timeout=10) as r:
            assert json.loads(r.read())["scheme"] == "https"
        with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):    # untrusted: stops
            urllib.request.urlopen(f"https://{room.address}/api/info", timeout=10,
                                   context=ssl.create_default_context())
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))     # how a participant's game trusts the room
        client = RoomClient(f"https://{room.address}", room.code, ["Ana"])
        assert client.url.startswith("wss://") and client.join().participant == 1
        client.close()
    finally:
        room.stop()
