-- Mail about messages: each person chooses a digest soon after messages arrive ('soon', the
-- default), one a day at most ('daily'), or none ('off'; what needs an action is mailed
-- regardless). A digest covers the unread messages written after `digest_upto` (ms), so no
-- message is mailed twice.
ALTER TABLE users ADD COLUMN message_mail TEXT NOT NULL DEFAULT 'soon';
ALTER TABLE users ADD COLUMN digest_upto BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN digest_sent_at BIGINT;
CREATE INDEX threads_last_message ON threads (last_message_at);
