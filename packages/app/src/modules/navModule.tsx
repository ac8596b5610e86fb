import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  NavContentBlueprint,
  NavContentComponentProps,
  NavContentNavItem,
} from '@backstage/plugin-app-react';
import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarSpace,
} from '@backstage/core-components';

/**
 * Page extension ids in the order they appear at the top of the sidebar. The
 * ML pages come right after the catalog; ids that are not installed are skipped.
 */
export const PRIMARY_NAV_ORDER = [
  'page:catalog',
  'page:ml-catalog',
  'page:ml-catalog/ownership',
  'page:ml-readiness',
  'page:ml-kpi',
  'page:scaffolder',
  'page:api-docs',
  'page:search',
];

/** Page extension ids shown at the bottom of the sidebar. */
export const FOOTER_NAV_ORDER = ['page:notifications', 'page:user-settings'];

function NavItem(props: NavContentNavItem) {
  return (
    <SidebarItem to={props.href} icon={() => props.icon} text={props.title} />
  );
}

/** The portal's sidebar: primary pages first, then the rest, settings last. */
export function PortalNavContent(props: NavContentComponentProps) {
  const items = props.navItems.withComponent(NavItem);
  const primary = PRIMARY_NAV_ORDER.map(id => items.take(id));
  const footer = FOOTER_NAV_ORDER.map(id => items.take(id));
  return (
    <Sidebar>
      <SidebarGroup label="Menu">
        {primary}
        <SidebarDivider />
        {items.rest({ sortBy: 'title' })}
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      <SidebarGroup label="Settings">{footer}</SidebarGroup>
    </Sidebar>
  );
}

/** Replaces the app's default sidebar with {@link PortalNavContent}. */
export const navModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    NavContentBlueprint.make({
      params: { component: PortalNavContent },
    }),
  ],
});
