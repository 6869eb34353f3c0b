"""The partnership's seal on the PDF of the Agreement (PAdES, with pyHanko), and checking it.

The certificate and key come from settings (AGREEMENT_SEAL_CERT_FILE,
AGREEMENT_SEAL_KEY_FILE, AGREEMENT_SEAL_PASSPHRASE). Where none is configured,
a development seal is made on first use (or by `manage.py make_dev_seal`) in
VAR_DIR/seal/: a self-signed certificate whose name says it is for
development and not for use, and the verify page says so too.
"""

import datetime
import functools
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_COMMON_NAME = "Development seal — not for use"
DEV_KEY = "seal-key.pem"
DEV_CERT = "seal-cert.pem"
FIELD_NAME = "PartnershipSeal"


@dataclass(frozen=True)
class SealFiles:
    cert: Path
    key: Path
    passphrase: bytes | None
    development: bool


def dev_dir() -> Path:
    return Path(settings.AGREEMENT_SEAL_DEV_DIR) / "development"


def make_dev_seal(*, replace=False) -> Path:
    """Create the development seal's key and self-signed certificate, once. Safe when two processes race."""
    target = dev_dir()
    if (target / DEV_CERT).exists() and not replace:
        return target
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, DEV_COMMON_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"{settings.PARTNERSHIP_NAME} (development only)"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="making-", dir=target.parent))
    key_path = staging / DEV_KEY
    with open(os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        handle.write(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    (staging / DEV_CERT).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    if replace and target.exists():
        shutil.rmtree(target)
    try:
        # One rename puts key and certificate in place together; whoever loses a race keeps the winner's.
        staging.rename(target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def seal_files() -> SealFiles:
    cert, key = settings.AGREEMENT_SEAL_CERT_FILE, settings.AGREEMENT_SEAL_KEY_FILE
    passphrase = settings.AGREEMENT_SEAL_PASSPHRASE.encode() if settings.AGREEMENT_SEAL_PASSPHRASE else None
    if cert or key:
        if not (cert and key):
            raise ImproperlyConfigured("Set both AGREEMENT_SEAL_CERT_FILE and AGREEMENT_SEAL_KEY_FILE, or neither.")
        return SealFiles(Path(cert), Path(key), passphrase, development=False)
    folder = make_dev_seal()
    return SealFiles(folder / DEV_CERT, folder / DEV_KEY, None, development=True)


def seal_certificate():
    """The seal's certificate (asn1crypto), the trust anchor its PDFs are checked against."""
    from pyhanko.keys import load_cert_from_pemder

    return load_cert_from_pemder(str(seal_files().cert))


def _kept_key_signer_class():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.sign import signers
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

    class KeptKeySigner(signers.SimpleSigner):
        """pyHanko's SimpleSigner with the private key parsed once, not for every signature.

        SimpleSigner parses and checks the key again each time it signs, and a seal signs twice (once
        to size the signature, once for real): that was most of the time sealing took.
        """

        _key = None

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                name = mechanism.signature_algo
            except ValueError:
                return super().sign_raw(data, digest_algorithm)
            if self._key is None:
                self._key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
            if name == "rsassa_pkcs1v15":
                return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
            if name == "rsassa_pss":
                return self._key.sign(data, *process_pss_params(mechanism["parameters"]))
            if name == "ecdsa":
                return self._key.sign(data, ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
            return super().sign_raw(data, digest_algorithm)

    return KeptKeySigner


@functools.lru_cache(maxsize=4)
def _signer(key: Path, cert: Path, passphrase: bytes | None, stamp: tuple):
    """The seal's signer, loaded once per process for these files as they stand (`stamp`: their mtimes)."""
    from pyhanko.sign import signers

    loaded = signers.SimpleSigner.load(str(key), str(cert), key_passphrase=passphrase)
    if loaded is None:
        raise ImproperlyConfigured("The seal's key or certificate could not be read (is the passphrase right?).")
    # SimpleSigner.load makes a SimpleSigner whatever class it is called on.
    return _kept_key_signer_class()(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
        signature_mechanism=loaded.signature_mechanism,
        prefer_pss=loaded.prefer_pss,
    )


def seal_signer():
    """The signer of the seal; read again when its key or certificate file changes (a new certificate)."""
    files = seal_files()
    stamp = (files.key.stat().st_mtime_ns, files.cert.stat().st_mtime_ns)
    return _signer(files.key, files.cert, files.passphrase, stamp)


def seal_pdf(pdf: bytes, *, reason: str) -> bytes:
    """Seal `pdf` with the partnership's certificate: a PAdES signature over the whole file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = seal_signer()
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name=settings.PARTNERSHIP_NAME,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


@dataclass
class SealCheck:
    """What pyHanko found about one signature in a PDF."""

    sealed_by: str
    organisation: str
    # The digest of the signed byte range matches the one the signature holds.
    intact: bool
    valid: bool
    # The certificate chains to the seal's certificate. pyHanko checks it only when the content is intact.
    trusted: bool
    # ENTIRE_FILE: the signed range is the whole file. ENTIRE_REVISION: a whole earlier revision, with
    # an incremental update appended after it. Anything else: parts of the file outside the range.
    coverage: str
    modification_level: str
    signed_at: datetime.datetime | None
    development: bool
    # The signature names the seal's certificate itself: known even when the content was altered.
    partnership_certificate: bool = False

    @property
    def genuine(self):
        """Sealed by the partnership's certificate and unchanged since, cover to cover."""
        return self.intact and self.valid and self.trusted and self.coverage == "ENTIRE_FILE"

    @property
    def altered(self):
        """The signed content no longer matches its signature."""
        return not (self.intact and self.valid)

    @property
    def added_after(self):
        """The seal covers an earlier revision whole, and something was appended to the file after it."""
        return self.coverage == "ENTIRE_REVISION"


class NotAPdf(ValueError):
    pass


def check_seals(data: bytes) -> list[SealCheck]:
    """Validate every signature in `data` against the seal's certificate. Raises NotAPdf for unreadable input."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise NotAPdf(str(error)) from error
    anchor = seal_certificate()
    development = seal_files().development
    checks = []
    for signature in embedded:
        context = ValidationContext(trust_roots=[anchor], allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except Exception as error:  # noqa: BLE001 - a broken signature is a finding, not a crash
            raise NotAPdf(f"The signature could not be read: {error}") from error
        cert = status.signing_cert
        subject = cert.subject.native if cert is not None else {}
        ours = cert is not None and cert.dump() == anchor.dump()
        checks.append(
            SealCheck(
                sealed_by=subject.get("common_name", ""),
                organisation=subject.get("organization_name", ""),
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                coverage=status.coverage.name if status.coverage is not None else "",
                modification_level=status.modification_level.name if status.modification_level is not None else "",
                signed_at=status.signer_reported_dt,
                development=development and ours,
                partnership_certificate=ours or bool(status.trusted),
            )
        )
    return checks
