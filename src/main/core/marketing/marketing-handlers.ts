// API handlers of the marketing feature.
import type { ApiHandlers } from '../api/router';
import type { MarketingService } from './marketing-service';

export function createMarketingHandlers(
  service: MarketingService,
): Pick<ApiHandlers, 'marketing.recommendations' | 'marketing.send'> {
  return {
    'marketing.recommendations': ({ ticketId }) => service.recommendations(ticketId),
    'marketing.send': ({ ticketId, recommendationId, includeCopy }) =>
      service.send(ticketId, recommendationId, includeCopy),
  };
}
