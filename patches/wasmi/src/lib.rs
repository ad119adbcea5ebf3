//! In place of wasmi, the WebAssembly interpreter behind Typst's `plugin()`: tsunagu's
//! templates never load a plugin, and document data reaches Typst only as data, so the
//! renderer carries no interpreter at all. `Module::new` always fails with a message
//! saying so; every other type can never hold a value, so nothing here can run.
//!
//! Only the items typst-library's `foundations/plugin.rs` uses, with its signatures.

use std::fmt;
use std::marker::PhantomData;

/// Why no plugin loads.
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebAssembly plugins are not part of tsunagu")
    }
}

impl std::error::Error for Error {}

/// A type with no values: what every handle below holds.
#[derive(Debug, Clone, Copy)]
enum Never {}

#[derive(Debug, Default, Clone)]
pub struct Config;

impl Config {
    pub fn wasm_relaxed_simd(&mut self, _enable: bool) -> &mut Self {
        self
    }
}

#[derive(Debug, Default, Clone)]
pub struct Engine;

impl Engine {
    pub fn new(_config: &Config) -> Self {
        Engine
    }
}

#[derive(Debug, Clone)]
pub struct Module(Never);

impl Module {
    /// Always an error: no module is ever compiled.
    pub fn new(_engine: &Engine, _wasm: &[u8]) -> Result<Self, Error> {
        Err(Error)
    }

    pub fn get_export(&self, _name: &str) -> Option<ExternType> {
        match self.0 {}
    }

    pub fn exports(&self) -> std::vec::IntoIter<ExportType> {
        match self.0 {}
    }
}

pub struct ExportType(Never);

impl ExportType {
    pub fn name(&self) -> &str {
        match self.0 {}
    }

    pub fn ty(&self) -> &ExternType {
        match self.0 {}
    }
}

pub enum ExternType {
    Func(FuncType),
    Memory(MemoryType),
}

pub struct MemoryType(Never);

pub struct FuncType(Never);

impl FuncType {
    pub fn params(&self) -> &[ValType] {
        match self.0 {}
    }

    pub fn results(&self) -> &[ValType] {
        match self.0 {}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValType {
    I32,
}

#[derive(Debug, Clone, Copy)]
pub enum Val {
    I32(i32),
}

pub struct Linker<T>(Never, PhantomData<T>);

impl<T> Linker<T> {
    /// Never reached: a linker is made only after `Module::new` succeeded.
    pub fn new(_engine: &Engine) -> Self {
        unreachable!("wasmi is not part of tsunagu: Module::new never succeeds")
    }

    pub fn func_wrap<F>(&mut self, _module: &str, _name: &str, _func: F) -> Result<&mut Self, Error> {
        match self.0 {}
    }

    pub fn engine(&self) -> &Engine {
        match self.0 {}
    }

    pub fn instantiate_and_start(&self, _store: &mut Store<T>, _module: &Module) -> Result<Instance, Error> {
        match self.0 {}
    }
}

pub struct Store<T>(Never, PhantomData<T>);

impl<T> Store<T> {
    pub fn new(_engine: &Engine, _data: T) -> Self {
        unreachable!("wasmi is not part of tsunagu: Module::new never succeeds")
    }

    pub fn data_mut(&mut self) -> &mut T {
        match self.0 {}
    }
}

pub struct Caller<'a, T>(Never, PhantomData<&'a T>);

impl<T> Caller<'_, T> {
    pub fn get_export(&self, _name: &str) -> Option<Extern> {
        match self.0 {}
    }

    pub fn data_mut(&mut self) -> &mut T {
        match self.0 {}
    }
}

pub struct Instance(Never);

impl Instance {
    pub fn get_export<S>(&self, _store: S, _name: &str) -> Option<Extern> {
        match self.0 {}
    }
}

pub struct Extern(Never);

impl Extern {
    pub fn into_func(self) -> Option<Func> {
        match self.0 {}
    }

    pub fn into_memory(self) -> Option<Memory> {
        match self.0 {}
    }
}

pub struct Func(Never);

impl Func {
    pub fn ty<S>(&self, _store: S) -> FuncType {
        match self.0 {}
    }

    pub fn call<S>(&self, _store: S, _params: &[Val], _results: &mut [Val]) -> Result<(), Error> {
        match self.0 {}
    }
}

#[derive(Clone, Copy)]
pub struct Memory(Never);

impl Memory {
    pub fn size<S>(&self, _store: S) -> u64 {
        match self.0 {}
    }

    pub fn grow<S>(&self, _store: S, _pages: u64) -> Result<u64, Error> {
        match self.0 {}
    }

    pub fn data<'a, T: 'a>(&self, _store: &'a Store<T>) -> &'a [u8] {
        match self.0 {}
    }

    pub fn data_mut<'a, T: 'a>(&self, _store: &'a mut Store<T>) -> &'a mut [u8] {
        match self.0 {}
    }

    pub fn read<S>(&self, _store: S, _offset: usize, _buffer: &mut [u8]) -> Result<(), Error> {
        match self.0 {}
    }

    pub fn write<S>(&self, _store: S, _offset: usize, _buffer: &[u8]) -> Result<(), Error> {
        match self.0 {}
    }
}
