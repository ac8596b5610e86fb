/**
 * The identity a catalog visibility answer belongs to, for caching it: the
 * signed-in user (`user:<entity ref>`) or the calling service
 * (`service:<subject>`). Two callers with the same key see the same models.
 *
 * @public
 */
export function visibilityKey(credentials: { principal: unknown }): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? `user:${principal.userEntityRef}`
    : `service:${principal.subject}`;
}
