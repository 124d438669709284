/**
 * A LINE webhook event, as much of it as our features read (the full payload is stored
 * encrypted). Shared by every feature that handles webhook events.
 */
export interface LineEvent {
  type: string;
  timestamp: number;
  webhookEventId: string;
  mode?: string;
  replyToken?: string;
  source?: { type: string; userId?: string; groupId?: string; roomId?: string };
  message?: {
    type: string;
    id?: string;
    text?: string;
    packageId?: string;
    stickerId?: string;
    latitude?: number;
    longitude?: number;
    fileName?: string;
  };
  postback?: { data: string; params?: Record<string, string> };
  deliveryContext?: { isRedelivery?: boolean };
}
