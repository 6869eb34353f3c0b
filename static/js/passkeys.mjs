// After django-otp-webauthn registers a passkey, ask the person to name it (the page names the URL to go to).
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const holder = document.querySelector("[data-passkey-name-url]");
  const id = event.detail && event.detail.id;
  if (holder && Number.isInteger(id)) {
    window.location.assign(holder.dataset.passkeyNameUrl.replace("/0/", `/${id}/`));
  }
});
