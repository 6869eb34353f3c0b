"""Email backends for the tests of retries and failures: a server gone, one that refuses an address, a worker killed."""

import smtplib
import threading

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


class RefusesOne(BaseEmailBackend):
    """A server that refuses one address and takes the rest, counting the connections opened."""

    REFUSED = "refused@example.org"
    opened = 0
    sent: list = []

    @classmethod
    def reset(cls):
        cls.opened, cls.sent = 0, []

    def open(self):
        if getattr(self, "_open", False):
            return False
        type(self).opened += 1
        self._open = True
        return True

    def close(self):
        self._open = False

    def send_messages(self, email_messages):
        for message in email_messages:
            message.message()
            if self.REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused({self.REFUSED: (550, b"No such mailbox")})
            type(self).sent.append(message)
        return len(email_messages)


class WorkerKilled(BaseException):
    """What a worker killed mid-batch looks like to the code that was running: not an error it handles."""


class DiesOnTheSecond(BaseEmailBackend):
    """A worker killed while sending the second message of its batch."""

    sent: list = []

    @classmethod
    def reset(cls):
        cls.sent = []

    def send_messages(self, email_messages):
        if len(type(self).sent) == 1:
            raise WorkerKilled
        type(self).sent.extend(email_messages)
        return len(email_messages)


class Gate(BaseEmailBackend):
    """Holds the first message until the test lets it go, so that another worker runs meanwhile."""

    entered = threading.Event()
    release = threading.Event()
    sent: list = []

    @classmethod
    def reset(cls):
        cls.entered, cls.release, cls.sent = threading.Event(), threading.Event(), []

    def send_messages(self, email_messages):
        if not type(self).entered.is_set():
            type(self).entered.set()
            type(self).release.wait(timeout=30)
        type(self).sent.extend(email_messages)
        return len(email_messages)
