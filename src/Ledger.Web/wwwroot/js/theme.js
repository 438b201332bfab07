// The light/dark choice: the operating system's preference until the person picks one with the toggle,
// then that choice, kept in localStorage so the next visit (and every other tab) starts with it.
const key = 'ledger-theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');

function stored() {
    try {
        const value = localStorage.getItem(key);
        return value === 'dark' || value === 'light' ? value : null;
    } catch {
        // Storage may be disabled (private windows, policies): then the OS decides every time.
        return null;
    }
}

function apply(dark) {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
    // The server renders the next page in this theme (App.razor reads it), so it does not flash the other one.
    document.cookie = 'ledger-theme=' + (dark ? 'dark' : 'light') + '; path=/; max-age=31536000; samesite=strict';
}

let listener = null;

// Whether the page should be dark now; follows the OS's changes while the person has not chosen.
export function start(dotnet) {
    stop();
    listener = e => {
        if (stored() === null) {
            apply(e.matches);
            dotnet.invokeMethodAsync('OnSystemThemeChanged', e.matches);
        }
    };
    media.addEventListener('change', listener);
    const choice = stored();
    const dark = choice === null ? media.matches : choice === 'dark';
    apply(dark);
    return dark;
}

export function stop() {
    if (listener) {
        media.removeEventListener('change', listener);
        listener = null;
    }
}

export function choose(dark) {
    try {
        localStorage.setItem(key, dark ? 'dark' : 'light');
    } catch {
        // Not remembered, but still applied for this page.
    }
    apply(dark);
}
