// The integration API client kit: typed client, webhook verifier, loopback webhook receiver.
export { IntegrationClient, type ApiAnswer, type ApiFailure, type IntegrationClientOptions } from './client';
export { verifyWebhook, type Verified, type WebhookHeaders } from './verify';
export { startWebhookReceiver, type WebhookReceiver, type WebhookReceiverOptions } from './receiver';
