/** Picks the screen component for a route. */
import type { Translate } from '../i18n/messages.js';
import { ApprovalsScreen } from '../screens/ApprovalsScreen.js';
import { ClientScreen } from '../screens/ClientScreen.js';
import { ClientsScreen } from '../screens/ClientsScreen.js';
import { DashboardScreen } from '../screens/DashboardScreen.js';
import { MyDayScreen } from '../screens/MyDayScreen.js';
import { ScheduleScreen } from '../screens/ScheduleScreen.js';
import { VolunteerDayScreen } from '../screens/VolunteerDayScreen.js';
import { useEnv } from './context.js';
import type { Route } from './routes.js';

/** The title of a route, for help. */
export function screenTitle(route: Route, t: Translate): string {
  return t(`screen.${route.screen}`);
}

/** Renders the screen of `route`; `active` is false while a modal has the keys. */
export function ScreenView({ route, active }: { readonly route: Route; readonly active: boolean }) {
  const { ws } = useEnv();
  switch (route.screen) {
    case 'clients':
      return <ClientsScreen active={active} />;
    case 'client':
      return <ClientScreen key={route.clientId} clientId={route.clientId} initialTab={route.tab} active={active} />;
    case 'myday':
      // A volunteer's laptop holds only her own minimal document, not schedules or client files.
      return ws.user.role === 'volunteer' ? <VolunteerDayScreen active={active} /> : <MyDayScreen active={active} />;
    case 'approvals':
      return <ApprovalsScreen active={active} />;
    case 'schedule':
      return <ScheduleScreen active={active} />;
    case 'dashboard':
      return <DashboardScreen active={active} />;
    default: {
      const never: never = route;
      return never;
    }
  }
}
