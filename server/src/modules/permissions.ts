// Every feature's permission catalogue entries, registered once at start (see platform/auth/permissions.ts).
import './identity/identity.permissions.js';
import './audit/audit.permissions.js';
import './channels/channels.permissions.js';
import './residents/residents.permissions.js';
