import type { User } from '../entities';

/** The spec's User: the signed-in user with a token. */
export interface UserView {
  email: string;
  token: string;
  username: string;
  bio: string;
  image: string;
}

/** The spec's Profile: a user as a viewer sees them. */
export interface ProfileView {
  username: string;
  bio: string;
  image: string;
  following: boolean;
}

export function userView(user: User, token: string): { user: UserView } {
  return { user: { email: user.email, token, username: user.username, bio: user.bio, image: user.image } };
}

export function profileView(user: User, following: boolean): ProfileView {
  return { username: user.username, bio: user.bio, image: user.image, following };
}
