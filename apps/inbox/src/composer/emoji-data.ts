/** Emoji offered by the picker, grouped, each with words to search by. Native glyphs: no images. */
export const EMOJI_GROUPS: ReadonlyArray<{ name: string; items: ReadonlyArray<readonly [string, string]> }> = [
  {
    name: 'Smileys',
    items: [
      ['😀', 'grin smile happy'], ['😃', 'smile happy'], ['😄', 'smile laugh'], ['😁', 'grin beam'], ['😆', 'laugh'], ['😅', 'sweat smile relief'],
      ['😂', 'joy tears laugh'], ['🙂', 'slight smile'], ['😉', 'wink'], ['😊', 'blush smile'], ['😇', 'angel innocent'], ['🥰', 'love hearts'],
      ['😍', 'heart eyes love'], ['😘', 'kiss'], ['😋', 'yum tasty'], ['😎', 'cool sunglasses'], ['🤓', 'nerd'], ['🤗', 'hug'],
      ['🤔', 'thinking hmm'], ['🤨', 'raised eyebrow'], ['😐', 'neutral'], ['😶', 'speechless'], ['🙄', 'eye roll'], ['😏', 'smirk'],
      ['😌', 'relieved'], ['😴', 'sleep'], ['😷', 'mask sick'], ['🤒', 'ill fever'], ['🤯', 'mind blown'], ['🥳', 'party celebrate'],
      ['😕', 'confused'], ['😟', 'worried'], ['😮', 'surprised wow'], ['😲', 'astonished'], ['😳', 'flushed'], ['🥺', 'pleading please'],
      ['😢', 'cry sad'], ['😭', 'sob cry'], ['😱', 'scream fear'], ['😤', 'triumph huff'], ['😡', 'angry rage'], ['🤐', 'zip quiet'],
    ],
  },
  {
    name: 'Gestures',
    items: [
      ['👍', 'thumbs up yes ok like'], ['👎', 'thumbs down no'], ['👌', 'ok perfect'], ['✌️', 'victory peace'], ['🤞', 'fingers crossed luck'], ['🤝', 'handshake deal'],
      ['👏', 'clap applause'], ['🙌', 'raise hands celebrate'], ['👋', 'wave hello bye'], ['🙏', 'pray thanks please'], ['💪', 'strong muscle'], ['👀', 'eyes look'],
      ['🫡', 'salute'], ['🤷', 'shrug'], ['🤦', 'facepalm'], ['🙋', 'raise hand'], ['💁', 'info desk'], ['🙇', 'bow sorry'],
    ],
  },
  {
    name: 'Symbols',
    items: [
      ['❤️', 'heart love'], ['💙', 'blue heart'], ['💚', 'green heart'], ['💛', 'yellow heart'], ['🧡', 'orange heart'], ['💜', 'purple heart'],
      ['✅', 'check done yes'], ['❌', 'cross no wrong'], ['⚠️', 'warning'], ['❗', 'exclamation important'], ['❓', 'question'], ['💯', 'hundred perfect'],
      ['🔥', 'fire hot'], ['✨', 'sparkles new'], ['⭐', 'star'], ['🎉', 'party tada congrats'], ['🎁', 'gift present'], ['💡', 'idea bulb'],
      ['📌', 'pin'], ['🔒', 'lock secure'], ['🔑', 'key'], ['⏰', 'alarm clock time'], ['⏳', 'hourglass wait'], ['📅', 'calendar date'],
    ],
  },
  {
    name: 'Objects',
    items: [
      ['📦', 'package parcel box delivery'], ['🚚', 'truck delivery shipping'], ['✈️', 'plane flight travel'], ['🏠', 'home house'], ['💳', 'card payment credit'], ['💰', 'money bag'],
      ['🧾', 'receipt invoice'], ['📧', 'email mail'], ['📞', 'phone call'], ['📱', 'mobile phone'], ['💻', 'laptop computer'], ['🖨️', 'printer'],
      ['📎', 'paperclip attachment'], ['📝', 'memo note'], ['📄', 'document page'], ['🔧', 'wrench fix tool'], ['🛠️', 'tools repair'], ['🎫', 'ticket'],
      ['☕', 'coffee'], ['🍕', 'pizza'], ['🎂', 'cake birthday'], ['🌟', 'glowing star'], ['☀️', 'sun'], ['🌧️', 'rain'],
    ],
  },
];
