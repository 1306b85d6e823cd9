import { customerKpisPlugin } from './plugin';
import customerKpisFrontendPlugin from './alpha';

describe('customer-kpis frontend plugin', () => {
  it('has the same id on the legacy and the new frontend system', () => {
    expect(customerKpisPlugin.getId()).toBe('customer-kpis');
    expect(customerKpisFrontendPlugin.id).toBe('customer-kpis');
  });
});
