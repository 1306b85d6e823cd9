// "Refresh now" asks for the source-manage permission and stays hidden without it.
import { act, fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import { CustomerKpisApi, customerKpisApiRef } from '../../api';
import { RefreshNowButton } from './RefreshNowButton';

// usePermission caches answers globally (SWR), so tests that flip the answer control the hook directly.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

function format() {
  // The button only needs t and count; the real hook is covered by the card and tab tests.
  return {
    t: (key: string, params?: Record<string, string>) =>
      `${key}${params ? JSON.stringify(params) : ''}`,
    count: (value: number) => String(value),
  } as never;
}

async function renderButton(api: Partial<CustomerKpisApi>, onDone = jest.fn()) {
  await act(async () => {
    renderInTestApp(
      <RefreshNowButton
        sourceIds={['demo', 'zendesk-eu']}
        format={format()}
        onDone={onDone}
      />,
      { apis: [[customerKpisApiRef, api]] },
    );
  });
  return onDone;
}

describe('RefreshNowButton', () => {
  it('asks for customer-kpis.source.manage', async () => {
    usePermissionMock.mockReturnValue({ loading: false, allowed: false });
    await renderButton({ runSource: jest.fn() });
    expect(usePermissionMock).toHaveBeenCalledWith({
      permission: expect.objectContaining({
        name: 'customer-kpis.source.manage',
      }),
    });
  });

  it('renders nothing without the permission', async () => {
    usePermissionMock.mockReturnValue({ loading: false, allowed: false });
    await renderButton({ runSource: jest.fn() });
    expect(
      screen.queryByTestId('customer-kpis-refresh'),
    ).not.toBeInTheDocument();
  });

  it('renders nothing while the permission is being checked', async () => {
    usePermissionMock.mockReturnValue({ loading: true, allowed: false });
    await renderButton({ runSource: jest.fn() });
    expect(
      screen.queryByTestId('customer-kpis-refresh'),
    ).not.toBeInTheDocument();
  });

  it('runs each source and reports back when permitted', async () => {
    usePermissionMock.mockReturnValue({ loading: false, allowed: true });
    const runSource = jest.fn(async () => {});
    const onDone = await renderButton({ runSource });
    await act(async () => {
      fireEvent.click(screen.getByTestId('customer-kpis-refresh'));
    });
    expect(runSource).toHaveBeenCalledTimes(2);
    expect(runSource).toHaveBeenCalledWith('demo');
    expect(runSource).toHaveBeenCalledWith('zendesk-eu');
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(
      screen.getByTestId('customer-kpis-refresh-result'),
    ).toHaveTextContent('tab.refresh.done{"sources":"2"}');
  });
});
