export { catalogUserByVerifiedEmail } from './catalogUserByVerifiedEmail';
export { oidcAuthModule } from './oidcAuthModule';
