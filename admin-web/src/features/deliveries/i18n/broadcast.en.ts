import type { BroadcastTranslation } from './broadcast.ja';

/** English texts of broadcast sends (一斉配信); `broadcast.ja.ts` is the source. */
export const broadcastEn: BroadcastTranslation = {
  broadcast: {
    tag: 'Broadcast',
    label: 'Sent as',
    multicast: 'To each friend (by language, 500 at a time)',
    runTitle: 'Sent as one LINE broadcast',
    runSendingTitle: 'Sending as one LINE broadcast',
    runBody:
      'It reaches every friend LINE knows of, also those who are not in the residents list, such as friends who added the account before this system was used. The count sent is the friends this system knows of.',
    runWaiting:
      "LINE allows 60 broadcasts an hour. When the hour's are used up, it goes out by itself as soon as the window frees (never twice).",
    sendTitle: 'The real send will be one LINE broadcast',
    sendBody:
      'The delivery goes to all friends in Japanese only, so it is sent as one broadcast. It reaches every friend LINE knows of (also those who added the account before this system) and uses one message per friend. The quota is checked against the friends this system knows of.',
    testNote: 'Test sends still go to the testers only.',
    confirmNote: 'It goes out as one LINE broadcast, so it also reaches friends who are not in the residents list.',
  },
};
